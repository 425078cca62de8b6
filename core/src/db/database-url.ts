import path from 'node:path';

/** Where the database lives, parsed from a `DATABASE_URL`. */
export type DatabaseTarget =
  | { dialect: 'sqlite'; filename: string }
  | { dialect: 'postgres'; connectionString: string };

/**
 * Parses `sqlite:<path>` (relative to the working directory; `sqlite::memory:` for a
 * throw-away database) or `postgres://…` / `postgresql://…`.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new Error('sqlite: needs a file path, e.g. sqlite:.plaza/plaza.sqlite');
    if (file === ':memory:') return { dialect: 'sqlite', filename: ':memory:' };
    return { dialect: 'sqlite', filename: path.resolve(cwd, file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new Error('is not a valid postgres:// URL');
    }
    return { dialect: 'postgres', connectionString: url };
  }
  throw new Error(`"${url.split(':')[0]}:" is not supported; use postgres://… or sqlite:<path>`);
}
