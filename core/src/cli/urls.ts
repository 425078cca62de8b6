import type { Plaza } from '../kernel/plaza.js';

/** Prints where Plaza answers, once it listens. */
export function printUrls(plaza: Plaza, port: number, bootMs: number): void {
  const host = plaza.config.host === '0.0.0.0' || plaza.config.host === '::' ? 'localhost' : plaza.config.host;
  const base = `http://${host}:${port}`;
  const db = plaza.config.database.dialect === 'sqlite' ? `SQLite ${plaza.config.database.filename}` : 'PostgreSQL';
  process.stdout.write(
    [
      '',
      `  Plaza is ready in ${bootMs} ms (${db})`,
      `  Channel API   ${base}/graphql        (header x-plaza-key: <publishable key>)`,
      `  Admin API     ${base}/admin/graphql  (header Authorization: Bearer <session token>)`,
      `  Health        ${base}/health   Ready ${base}/ready`,
      '',
    ].join('\n') + '\n',
  );
}
