import { createPlaza, resolveConfig } from '@plaza/core';
import { createTestDatabase } from '@plaza/core/testing';
import type { RunnerMessage, ServerMessage } from './protocol.js';

/**
 * A Plaza counting every SQL statement, so the runner can report statements per request. On
 * the database the runner prepared (`PLAZA_BENCH_SERVER_DATABASE_URL`, already seeded, with
 * its demo key in `PLAZA_BENCH_SERVER_KEY`), or on a fresh demo-seeded database (SQLite, or
 * PostgreSQL with PLAZA_BENCH_DATABASE_URL).
 */
async function main(): Promise<void> {
  const prepared = process.env.PLAZA_BENCH_SERVER_DATABASE_URL;
  const pgUrl = process.env.PLAZA_BENCH_DATABASE_URL;
  if (pgUrl) process.env.PLAZA_TEST_DATABASE_URL = pgUrl;
  const database = prepared ? { url: prepared, drop: async () => undefined } : await createTestDatabase(pgUrl ? 'postgres' : 'sqlite');
  // PLAZA_BENCH_RESPONSE_CACHE_MS=0 measures the channel API without its response cache.
  const cacheMs = process.env.PLAZA_BENCH_RESPONSE_CACHE_MS;
  const gateway = cacheMs !== undefined ? { responseCacheTtlMs: Number(cacheMs) } : {};
  const config = resolveConfig({ port: 0, host: '127.0.0.1', databaseUrl: database.url, secret: 'bench-secret-0123456789abcdef', logLevel: (process.env.PLAZA_BENCH_LOG_LEVEL ?? 'info') as 'info', gateway }, {});
  const plaza = await createPlaza(config);
  await plaza.migrate();
  // The demo seed creates platforms with publishable keys; channel scenarios use the first.
  const report = prepared ? null : (await plaza.seed({ demo: true })).report;
  const platformKey = prepared ? process.env.PLAZA_BENCH_SERVER_KEY : report?.platforms[0]?.key;
  let sql = 0;
  // PLAZA_BENCH_TRACE_SQL=1 prints every statement to stderr (to see what a step costs).
  const trace = process.env.PLAZA_BENCH_TRACE_SQL === '1';
  plaza.db.on('query', (q: { sql: string }) => {
    sql++;
    if (trace) process.stderr.write(`SQL ${q.sql}\n`);
  });
  const port = await plaza.listen(0);
  const send = (message: ServerMessage): void => void process.send?.(message);
  process.on('message', (message: RunnerMessage) => {
    if (message.type === 'sqlCount') send({ type: 'sqlCount', count: sql });
    if (message.type === 'stop') {
      void plaza
        .close(1_000)
        .then(() => database.drop())
        .finally(() => process.exit(0));
    }
  });
  send({ type: 'listening', port, platformKey, platformKeys: report?.platforms.map((p) => p.key) ?? [], ...(report?.admin ? { admin: report.admin } : {}) });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'error', message: (error as Error).stack ?? String(error) } satisfies ServerMessage);
  process.exit(1);
});
