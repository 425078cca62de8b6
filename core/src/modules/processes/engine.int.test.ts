import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unscopedGrant } from '../../kernel/authorization.js';
import { createCtx, type Actor, type Ctx } from '../../kernel/context.js';
import { isPlazaError } from '../../kernel/errors.js';
import { Tokens } from '../../kernel/tokens.js';
import { inTransaction } from '../../db/transaction.js';
import { createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { ProcessService } from './process.service.js';
import { ProcessTables } from './process.migrations.js';
import { ticketPlugin, traces } from './__tests__/ticket-plugin.js';
import { installTicketProcess } from './__tests__/ticket-process.js';

let env: TestEnvironment;
let processes: ProcessService;
let subject = 0;

function as(actor: Actor): Ctx {
  return createCtx({ db: env.plaza.db, logger: env.plaza.logger, actor, knownPermissions: new Set(env.plaza.registry.permissions.keys()) });
}
const agent = (): Ctx => as({ kind: 'staff', id: 'stf_agent', name: 'Agent', grants: [unscopedGrant(['processes.transition', 'processes.read'])] });
const customer = (id: string): Ctx => as({ kind: 'customer', id, grants: [] });

async function openTicket(extra: { customerId?: string } = {}) {
  return processes.start(env.plaza.systemCtx(), { kind: 'ticket', subjectId: `tkt_${++subject}`, platformId: null, customerId: extra.customerId ?? null, data: { total: 100 } });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isPlazaError(error)) return error;
    throw error;
  }
  throw new Error('expected the transition to fail');
}

async function history(id: string) {
  return (await processes.history(env.plaza.systemCtx(), id)).edges.map((e) => e.node);
}

beforeAll(async () => {
  env = await createTestEnvironment({ plugins: [ticketPlugin] });
  processes = env.plaza.container.resolve(ProcessService);
  await installTicketProcess(env);
});
afterAll(() => env?.close());

describe('transitions', () => {
  it('runs in-transaction actions in order and applies their data and tags', async () => {
    const ticket = await openTicket();
    const after = await processes.transition(agent(), ticket.id, 'triage');
    expect(after).toMatchObject({ state: 'open', seq: 1, tags: ['triaged'], data: { total: 100, wrote_t1: true, wrote_t2: true } });
    const entries = await history(ticket.id);
    expect(entries.map((h) => [h.transition, h.outcome, h.trigger])).toEqual([
      ['start', 'completed', 'start'],
      ['triage', 'completed', 'staff'],
    ]);
    expect(entries[1]!.actor).toMatchObject({ kind: 'staff', id: 'stf_agent' });
    expect(entries[1]!.detail.actions).toEqual([
      { type: 'ticket.write', execution: 'transaction' },
      { type: 'ticket.write', execution: 'transaction' },
      { type: 'core.set_tag', execution: 'transaction' },
    ]);
  });

  it('rolls back every write of a transition whose action fails, and records why', async () => {
    const ticket = await openTicket();
    const before = await traces(env.plaza.systemCtx());
    const error = await failure(processes.transition(agent(), ticket.id, 'break'));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'WAREHOUSE_REFUSED' });
    expect(await traces(env.plaza.systemCtx())).toEqual(before);
    const now = await processes.get(env.plaza.systemCtx(), ticket.id);
    expect(now).toMatchObject({ state: 'open', seq: 0 });
    const last = (await history(ticket.id)).at(-1)!;
    expect(last).toMatchObject({ transition: 'break', outcome: 'failed', fromState: 'open', toState: null });
    expect(last.detail).toMatchObject({ failedStep: { index: 1, type: 'ticket.fail_in_tx' }, error: { reason: 'WAREHOUSE_REFUSED' } });
  });

  it('refuses a transition whose guard fails, naming the missing field', async () => {
    const ticket = await openTicket();
    const error = await failure(processes.transition(agent(), ticket.id, 'ask'));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FIELD_REQUIRED', fields: [{ path: 'question' }] });
    expect((await history(ticket.id)).at(-1)).toMatchObject({ transition: 'ask', outcome: 'rejected' });
    const asked = await processes.transition(agent(), ticket.id, 'ask', { input: { question: 'Which size?' } });
    expect(asked.state).toBe('waiting');
  });

  it('lets only the triggers’ actors take a transition', async () => {
    const ticket = await openTicket({ customerId: 'cus_owner' });
    const noPermission = as({ kind: 'staff', id: 'stf_x', grants: [unscopedGrant(['processes.read'])] });
    expect(await failure(processes.transition(noPermission, ticket.id, 'escalate'))).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    expect(await failure(processes.transition(customer('cus_other'), ticket.id, 'escalate'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(processes.transition(customer('cus_owner'), ticket.id, 'triage'))).toMatchObject({ code: 'FORBIDDEN', reason: 'TRANSITION_NOT_MANUAL' });
    const escalated = await processes.transition(customer('cus_owner'), ticket.id, 'escalate');
    expect(escalated.state).toBe('escalated');
    expect((await history(ticket.id)).at(-1)).toMatchObject({ trigger: 'customer', actor: { kind: 'customer', id: 'cus_owner' } });
    const available = await processes.availableTransitions(customer('cus_owner'), escalated);
    expect(available.map((t) => t.name)).toEqual(['close']);
  });

  it('gives a stale caller CONFLICT and serialises concurrent transitions of one instance', async () => {
    const ticket = await openTicket();
    await processes.transition(agent(), ticket.id, 'triage', { expectedSeq: 0 });
    expect(await failure(processes.transition(agent(), ticket.id, 'triage', { expectedSeq: 0 }))).toMatchObject({ code: 'CONFLICT', reason: 'STALE_TRANSITION' });

    const race = await openTicket();
    // Both leave "open" for different states: whichever runs second finds the ticket gone from "open".
    const results = await Promise.allSettled([processes.transition(agent(), race.id, 'ask', { input: { question: 'Size?' } }), processes.transition(agent(), race.id, 'review')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: 'CONFLICT' });
    const final = await processes.get(env.plaza.systemCtx(), race.id);
    expect(final.seq).toBe(1);
    expect((await history(race.id)).filter((h) => h.outcome === 'completed')).toHaveLength(2);
  });

  it('refuses transitions from the wrong state and after the end', async () => {
    const ticket = await openTicket();
    expect(await failure(processes.transition(agent(), ticket.id, 'answered'))).toMatchObject({ code: 'CONFLICT', reason: 'TRANSITION_NOT_AVAILABLE' });
    expect(await failure(processes.transition(agent(), ticket.id, 'nope'))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_TRANSITION' });
    const closed = await processes.transition(agent(), ticket.id, 'close');
    expect(closed).toMatchObject({ status: 'ended', outcome: 'cancelled', state: 'closed' });
    expect(await failure(processes.transition(agent(), ticket.id, 'escalate'))).toMatchObject({ code: 'CONFLICT', reason: 'PROCESS_ENDED' });
  });

  it('keeps a transition taken when the automatic one after it fails, and records that failure', async () => {
    const ticket = await openTicket();
    const reviewed = await processes.transition(agent(), ticket.id, 'review');
    expect(reviewed).toMatchObject({ state: 'reviewing', seq: 1, data: { wrote_reviewed: true } });
    const entries = await history(ticket.id);
    expect(entries.map((h) => [h.transition, h.outcome, h.trigger, h.fromState])).toEqual([
      ['start', 'completed', 'start', null],
      ['review', 'completed', 'staff', 'open'],
      ['auto_finish', 'failed', 'auto', 'reviewing'],
    ]);
    expect(entries[2]!.detail).toMatchObject({ error: { reason: 'WAREHOUSE_REFUSED' } });
  });

  it('refuses, and records, a transition whose guard breaks', async () => {
    const ticket = await openTicket();
    const error = await failure(processes.transition(agent(), ticket.id, 'inspect'));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'GUARD_ERROR' });
    expect(error.message).toContain('Broken check');
    expect((await history(ticket.id)).at(-1)).toMatchObject({ transition: 'inspect', outcome: 'rejected' });
  });

  it('starts once per record', async () => {
    const first = await processes.start(env.plaza.systemCtx(), { kind: 'ticket', subjectId: 'tkt_once', platformId: null });
    const again = await processes.start(env.plaza.systemCtx(), { kind: 'ticket', subjectId: 'tkt_once', platformId: null });
    expect(again.id).toBe(first.id);
    const together = await Promise.all([1, 2, 3].map(() => processes.start(env.plaza.systemCtx(), { kind: 'ticket', subjectId: 'tkt_together', platformId: null })));
    expect(new Set(together.map((i) => i.id)).size).toBe(1);
  });
});

describe('event and timer triggers', () => {
  it('takes an event-triggered transition when the event about this record arrives', async () => {
    const ticket = await openTicket();
    const other = await openTicket();
    await processes.transition(agent(), ticket.id, 'ask', { input: { question: 'Colour?' } });
    await processes.transition(agent(), other.id, 'ask', { input: { question: 'Size?' } });
    const bus = env.plaza.container.resolve(Tokens.EventBus);
    await inTransaction(env.plaza.systemCtx(), (ctx) => bus.publish(ctx, 'ticket.answered', { ticketId: ticket.subjectId, by: 'customer' }));
    await env.drainEvents();
    expect((await processes.get(env.plaza.systemCtx(), ticket.id)).state).toBe('open');
    expect((await processes.get(env.plaza.systemCtx(), other.id)).state).toBe('waiting');
    expect((await history(ticket.id)).at(-1)).toMatchObject({ transition: 'answered', trigger: 'event', outcome: 'completed' });
    const waits = await env.plaza.db(ProcessTables.wait).where('instance_id', ticket.id);
    expect(waits).toHaveLength(0);
  });

  it('delivers an event to the processes module only when an instance waits for it, and never to the timeline when it means nothing for a customer', async () => {
    const ticket = await openTicket();
    await processes.transition(agent(), ticket.id, 'ask', { input: { question: 'Fit?' } });
    const bus = env.plaza.container.resolve(Tokens.EventBus);
    const nobodyWaits = await inTransaction(env.plaza.systemCtx(), (ctx) => bus.publish(ctx, 'ticket.answered', { ticketId: 'tkt_nobody', by: 'customer' }));
    const waitedFor = await inTransaction(env.plaza.systemCtx(), (ctx) => bus.publish(ctx, 'ticket.answered', { ticketId: ticket.subjectId, by: 'customer' }));
    await env.drainEvents();
    const targets = async (eventId: string) => ((await env.plaza.db('plaza_event_delivery').where('event_id', eventId).select('target_id')) as { target_id: string }[]).map((r) => r.target_id).sort();
    expect(await targets(nobodyWaits)).toEqual([]);
    expect(await targets(waitedFor)).toEqual(['core.processes#*']);
    expect((await processes.get(env.plaza.systemCtx(), ticket.id)).state).toBe('open');
  });

  it('fires a timer only while the record is still where the timer was set', async () => {
    const waiting = await openTicket();
    const answered = await openTicket();
    await processes.transition(agent(), waiting.id, 'ask', { input: { question: 'Still there?' } });
    await processes.transition(agent(), answered.id, 'ask', { input: { question: 'Still there?' } });
    const bus = env.plaza.container.resolve(Tokens.EventBus);
    await inTransaction(env.plaza.systemCtx(), (ctx) => bus.publish(ctx, 'ticket.answered', { ticketId: answered.subjectId, by: 'customer' }));
    await env.drainEvents();
    await env.runJobs();
    expect((await processes.get(env.plaza.systemCtx(), waiting.id)).state).toBe('waiting');
    // An hour passes: the timers become due.
    await env.plaza.db('plaza_job').where({ name: 'processes.timer', status: 'waiting' }).update({ run_at: Date.now() - 1 });
    await env.runJobs();
    expect(await processes.get(env.plaza.systemCtx(), waiting.id)).toMatchObject({ state: 'closed', status: 'ended' });
    expect((await history(waiting.id)).at(-1)).toMatchObject({ transition: 'give_up', trigger: 'timer' });
    expect((await processes.get(env.plaza.systemCtx(), answered.id)).state).toBe('open');
  });
});
