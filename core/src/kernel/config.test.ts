import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.js';
import { isPlazaError } from './errors.js';

describe('config', () => {
  it('defaults to port 9000 and SQLite in .plaza/', () => {
    const config = resolveConfig({}, {});
    expect(config.port).toBe(9000);
    expect(config.database).toEqual({ dialect: 'sqlite', filename: path.resolve('.plaza/plaza.sqlite') });
    expect(config.logLevel).toBe('info');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lets the environment override the file', () => {
    const config = resolveConfig({ port: 1234, logLevel: 'debug' }, { PORT: '8080', DATABASE_URL: 'postgres://u@db:5432/plaza', LOG_LEVEL: 'warn', PLAZA_SECRET: 'a-long-enough-secret' });
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ dialect: 'postgres', connectionString: 'postgres://u@db:5432/plaza' });
    expect(config.logLevel).toBe('warn');
    expect(config.secret).toBe('a-long-enough-secret');
  });

  it('reports every problem together, naming the environment variable', () => {
    try {
      resolveConfig({ plugins: [42 as never] }, { PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      throw new Error('expected CONFIG_INVALID');
    } catch (error) {
      expect(isPlazaError(error) && error.code).toBe('CONFIG_INVALID');
      const message = (error as Error).message;
      expect(message).toContain('port (from PORT)');
      expect(message).toContain('logLevel (from LOG_LEVEL)');
    }
    try {
      resolveConfig({ plugins: [42 as never] }, { DATABASE_URL: 'mysql://x' });
      throw new Error('expected CONFIG_INVALID');
    } catch (error) {
      expect((error as Error).message).toContain('databaseUrl: "mysql:" is not supported');
      expect((error as Error).message).toContain('plugins[0]: is not a plugin manifest');
    }
  });
});
