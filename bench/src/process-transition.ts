import { createCtx, createPlaza, ProcessBindingService, ProcessDefinitionService, ProcessService, resolveConfig, unscopedGrant, type ProcessDocumentInput } from '@plaza/core';
import { createTestDatabase } from '@plaza/core/testing';
import type { ScenarioResult } from './run-scenario.js';

/**
 * An order process whose `touch` transition (a self-loop, so it can be taken again and again)
 * runs three in-transaction actions: set a tag, notify the customer (an outbox event) and
 * mark the order pay-later (a data patch).
 */
const loopDocument: ProcessDocumentInput = {
  states: [
    { code: 'placed', label: 'Placed', initial: true },
    { code: 'completed', label: 'Completed', terminal: true },
  ],
  transitions: [
    {
      name: 'touch',
      from: ['placed'],
      to: 'placed',
      triggers: [{ by: 'staff', permission: 'processes.transition' }],
      actions: [
        { type: 'core.set_tag', config: { tag: 'touched' } },
        { type: 'core.notify_customer', config: { template: 'order.touched' } },
        { type: 'core.pay_later', config: { dueDays: 14 } },
      ],
    },
    { name: 'complete', from: ['placed'], to: 'completed', triggers: [{ by: 'system' }], guards: [{ type: 'core.require_payment', config: {} }] },
  ],
};

const INSTANCES = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/**
 * process-transition: the server time of one transition with three in-transaction steps,
 * measured in-process (no HTTP): `ProcessService.transition` by a staff member, one after the
 * other over 200 order instances, timed with `process.hrtime`. On SQLite unless
 * PLAZA_BENCH_DATABASE_URL is set.
 */
export async function processTransition(durationSeconds: number): Promise<ScenarioResult> {
  const pgUrl = process.env.PLAZA_BENCH_DATABASE_URL;
  if (pgUrl) process.env.PLAZA_TEST_DATABASE_URL = pgUrl;
  const database = await createTestDatabase(pgUrl ? 'postgres' : 'sqlite');
  const config = resolveConfig({ databaseUrl: database.url, secret: 'bench-secret-0123456789abcdef', logLevel: 'warn' }, {});
  const plaza = await createPlaza(config);
  try {
    await plaza.migrate();
    await plaza.seed({ demo: false });
    const system = plaza.systemCtx();
    const definitions = plaza.container.resolve(ProcessDefinitionService);
    const { draft } = await definitions.create(system, { kind: 'order', code: 'bench-loop', name: 'Bench loop', document: loopDocument });
    const version = await definitions.publish(system, draft.id);
    await plaza.container.resolve(ProcessBindingService).bind(system, { platformId: null, kind: 'order', mode: 'default', versionId: version.id });
    const processes = plaza.container.resolve(ProcessService);
    const ids: string[] = [];
    for (let i = 0; i < INSTANCES; i++) ids.push((await processes.start(system, { kind: 'order', subjectId: `ord_bench_${i}`, platformId: null, data: { total: 1999 } })).id);
    const staff = createCtx({
      db: plaza.db,
      logger: plaza.logger,
      actor: { kind: 'staff', id: 'stf_bench', name: 'Bench', grants: [unscopedGrant(['processes.transition'])] },
      knownPermissions: new Set(plaza.registry.permissions.keys()),
    });
    let sql = 0;
    plaza.db.on('query', () => sql++);
    const run = async (seconds: number, record: number[] | null): Promise<number> => {
      const until = performance.now() + seconds * 1000;
      let n = 0;
      while (performance.now() < until) {
        const started = process.hrtime.bigint();
        await processes.transition(staff, ids[n % ids.length]!, 'touch');
        record?.push(Number(process.hrtime.bigint() - started) / 1e6);
        n++;
      }
      return n;
    };
    await run(Math.min(2, durationSeconds), null);
    const times: number[] = [];
    const sqlBefore = sql;
    const started = performance.now();
    const count = await run(durationSeconds, times);
    const elapsed = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    return {
      rps: Math.round(count / elapsed),
      p50Ms: Math.round(percentile(times, 50) * 1000) / 1000,
      p99Ms: Math.round(percentile(times, 99) * 1000) / 1000,
      sqlPerRequest: Math.round(((sql - sqlBefore) / count) * 100) / 100,
      requests: count,
      errors: 0,
    };
  } finally {
    await plaza.close(0);
    await database.drop();
  }
}
