import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unscopedGrant } from '../../kernel/authorization.js';
import { createCtx, type Ctx } from '../../kernel/context.js';
import { EventTables } from '../../events/event-records.js';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { ProcessService } from './process.service.js';
import { ticketPlugin, traces } from './__tests__/ticket-plugin.js';
import { installTicketProcess } from './__tests__/ticket-process.js';

let env: TestEnvironment;
let processes: ProcessService;

function agent(): Ctx {
  return createCtx({ db: env.plaza.db, logger: env.plaza.logger, actor: { kind: 'staff', id: 'stf_agent', grants: [unscopedGrant(['processes.transition'])] } });
}

/** Runs jobs until none is due (a run continues job by job). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await env.runJobs();
    const due = await env.plaza.db('plaza_job').where('status', 'waiting').where('run_at', '<=', Date.now()).whereNot('name', 'processes.timer').count({ n: '*' });
    if (Number(due[0]!.n) === 0) return;
  }
}

beforeAll(async () => {
  env = await createTestEnvironment({ plugins: [ticketPlugin] });
  processes = env.plaza.container.resolve(ProcessService);
  await installTicketProcess(env);
});
afterAll(() => env?.close());

describe('job actions and compensation', () => {
  it('compensates earlier actions, newest first, when a later job action fails, and the history says so', async () => {
    const ticket = await processes.start(env.plaza.systemCtx(), { kind: 'ticket', subjectId: 'tkt_comp', platformId: null });
    const pending = await processes.transition(agent(), ticket.id, 'fulfil');
    expect(pending.state).toBe('open');
    expect(pending.pendingRunId).not.toBeNull();
    // While the run is going, the instance takes no other transition.
    await expect(processes.transition(agent(), ticket.id, 'close')).rejects.toMatchObject({ code: 'CONFLICT', reason: 'TRANSITION_IN_PROGRESS' });

    await settle();

    const after = await processes.get(env.plaza.systemCtx(), ticket.id);
    expect(after).toMatchObject({ state: 'open', seq: 0, pendingRunId: null });
    expect(await traces(env.plaza.systemCtx())).toEqual(['a', 'remote:capture', 'undo-remote:capture:r-capture', 'undo:a']);
    const entries = (await processes.history(env.plaza.systemCtx(), ticket.id)).edges.map((e) => e.node);
    expect(entries.map((h) => [h.transition, h.outcome])).toEqual([
      ['start', 'completed'],
      ['fulfil', 'started'],
      ['fulfil', 'failed'],
    ]);
    expect(entries[2]!.detail).toMatchObject({
      failedStep: { index: 2, type: 'ticket.remote' },
      error: { code: 'CONFLICT', reason: 'DECLINED' },
      compensated: ['ticket.remote', 'ticket.write'],
    });
    expect(entries[2]!.actor).toMatchObject({ id: 'stf_agent' });
    const failed = await env.plaza.db(EventTables.outbox).where('name', 'process.failed');
    expect(failed.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload))).toContainEqual(
      expect.objectContaining({ instanceId: ticket.id, transition: 'fulfil', reason: 'DECLINED', compensated: ['ticket.remote', 'ticket.write'] }),
    );
    // The instance is free again.
    expect((await processes.transition(agent(), ticket.id, 'close')).state).toBe('closed');
  });

  it('retries a job action that fails for a passing reason, then finishes the transition', async () => {
    const ticket = await processes.start(env.plaza.systemCtx(), { kind: 'ticket', subjectId: 'tkt_retry', platformId: null });
    await processes.transition(agent(), ticket.id, 'solve');
    await env.runJobs();
    // The first attempt failed (connection reset): the job is back in the queue with a backoff.
    expect((await processes.get(env.plaza.systemCtx(), ticket.id)).state).toBe('open');
    await env.plaza.db('plaza_job').where({ name: 'processes.run_step', status: 'waiting' }).update({ run_at: Date.now() - 1 });
    await settle();
    const done = await processes.get(env.plaza.systemCtx(), ticket.id);
    expect(done).toMatchObject({ state: 'solved', status: 'ended', outcome: 'completed', pendingRunId: null, data: { remote_notify: true, wrote_after: true } });
    const entries = (await processes.history(env.plaza.systemCtx(), ticket.id)).edges.map((e) => e.node);
    expect(entries.map((h) => [h.transition, h.outcome])).toEqual([
      ['start', 'completed'],
      ['solve', 'started'],
      ['solve', 'completed'],
    ]);
    expect(entries[2]!.detail.actions).toEqual([
      { type: 'ticket.remote', execution: 'job' },
      { type: 'ticket.write', execution: 'transaction' },
    ]);
  });
});
