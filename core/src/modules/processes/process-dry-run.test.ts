import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCtx } from '../../kernel/context.js';
import type { AnyStepType, StepContext } from '../../kernel/process-contributions.js';
import { goodOrderProcess, testCatalog, testStepTypes } from './__tests__/step-catalog-fixture.js';
import type { ProcessDocumentInput } from './process-document.js';
import { dryRun, MAX_AUTO_HOPS, type DryRunSample } from './process-dry-run.js';

const ctx = createCtx({ db: undefined as never, logger: pino({ level: 'silent' }) });

function run(document: unknown, sample: DryRunSample, catalog = testCatalog()) {
  return dryRun({ document, kind: 'order', catalog, ctx, sample });
}

/** The good order process, starting in `new`: large orders go to review by themselves, others are accepted. */
function withIntake(): ProcessDocumentInput {
  const doc = goodOrderProcess();
  doc.states[0]!.initial = false;
  doc.states.unshift({ code: 'new', label: 'New', initial: true }, { code: 'review', label: 'In review' });
  doc.transitions!.unshift(
    { name: 'flag', from: ['new'], to: 'review', triggers: [{ by: 'auto' }], guards: [{ type: 'test.amount_above', config: { amount: 1000 } }] },
    { name: 'accept', from: ['new', 'review'], to: 'placed', triggers: [{ by: 'auto' }, { by: 'staff', permission: 'orders.manage' }] },
  );
  doc.transitions![1]!.triggers = [{ by: 'staff', permission: 'orders.manage' }];
  doc.transitions!.push({ name: 'auto_accept', from: ['new'], to: 'placed', triggers: [{ by: 'auto' }] });
  return doc;
}

describe('dryRun', () => {
  it('follows requested transitions and the auto transitions after them, listing actions without running them', async () => {
    const result = await run(goodOrderProcess(), { data: { total: 2500 }, transitions: ['pay', 'ship'] });
    expect(result.problems).toEqual([]);
    expect(result.path).toEqual([
      { transition: 'pay', from: 'placed', to: 'paid', trigger: 'requested', guards: [], actions: [{ type: 'test.capture', label: 'Capture payment', execution: 'job' }] },
      { transition: 'ship', from: 'paid', to: 'shipped', trigger: 'requested', guards: [{ type: 'test.amount_above', label: 'Amount above', ok: true }], actions: [] },
      { transition: 'complete', from: 'shipped', to: 'completed', trigger: 'auto', guards: [], actions: [{ type: 'test.set_tag', label: 'Set tag', execution: 'transaction' }] },
    ]);
    expect(result).toMatchObject({ finalState: 'completed', ended: true });
  });

  it('takes the first auto transition whose guards pass, right from the start', async () => {
    const small = await run(withIntake(), { data: { total: 100 } });
    expect(small.path.map((s) => [s.transition, s.trigger])).toEqual([['auto_accept', 'auto']]);
    expect(small).toMatchObject({ finalState: 'placed', ended: false, problems: [] });

    const large = await run(withIntake(), { data: { total: 5000 }, transitions: ['accept', 'pay'] });
    expect(large.path.map((s) => [s.transition, s.from, s.to, s.trigger])).toEqual([
      ['flag', 'new', 'review', 'auto'],
      ['accept', 'review', 'placed', 'requested'],
      ['pay', 'placed', 'paid', 'requested'],
    ]);
    expect(large.path[0]!.guards).toEqual([{ type: 'test.amount_above', label: 'Amount above', ok: true }]);
  });

  it('stops at a failing guard, recording the step with its verdict', async () => {
    const result = await run(goodOrderProcess(), { data: { total: 0 }, transitions: ['pay', 'ship', 'cancel'] });
    expect(result.path.map((s) => s.transition)).toEqual(['pay', 'ship']);
    expect(result.path[1]!.guards).toEqual([{ type: 'test.amount_above', label: 'Amount above', ok: false, message: 'The total must be above 0', reason: 'TOO_LOW' }]);
    expect(result.problems).toEqual([{ code: 'GUARD_FAILED', message: 'The total must be above 0', state: 'paid', transition: 'ship' }]);
    expect(result).toMatchObject({ finalState: 'paid', ended: false });
  });

  it('stops at a transition that does not leave the current state, naming the state', async () => {
    const result = await run(withIntake(), { data: { total: 5000 }, transitions: ['pay'] });
    expect(result.problems).toEqual([{ code: 'TRANSITION_NOT_AVAILABLE', message: '“pay” cannot be taken from “In review”', state: 'review', transition: 'pay' }]);
    expect(result.finalState).toBe('review');
    const unknown = await run(goodOrderProcess(), { transitions: ['teleport'] });
    expect(unknown.problems).toEqual([expect.objectContaining({ code: 'TRANSITION_NOT_AVAILABLE', message: expect.stringContaining('no transition “teleport”') })]);
    const ended = await run(goodOrderProcess(), { transitions: ['cancel', 'pay'] });
    expect(ended).toMatchObject({ finalState: 'cancelled', ended: true, problems: [expect.objectContaining({ code: 'TRANSITION_NOT_AVAILABLE', state: 'cancelled' })] });
  });

  it('gives guards a read-only picture of the sample instance', async () => {
    const seen: StepContext<unknown>[] = [];
    const spy: AnyStepType = { kind: 'guard', code: 'test.spy', label: 'Spy', description: 'Records', configSchema: z.object({}), check: (step) => (seen.push(step), { ok: true }) };
    const doc = goodOrderProcess();
    doc.transitions![0]!.guards = [{ type: 'test.spy', config: {} }];
    const sample = { data: { total: 1 }, input: { note: 'hi' }, platformId: 'plt_1', customerId: 'cus_1', mode: 'pickup', transitions: ['pay'] };
    await run(doc, sample, testCatalog([...testStepTypes, spy]));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      ctx,
      config: {},
      instance: { kind: 'order', mode: 'pickup', subjectType: 'order', platformId: 'plt_1', customerId: 'cus_1', state: 'placed', data: { total: 1 }, tags: [] },
      transition: { name: 'pay', from: 'placed', to: 'paid' },
      input: { note: 'hi' },
      idempotencyKey: 'dry-run',
    });
  });

  it('reports validation problems and still runs a draft; a guard with a broken config fails on its own', async () => {
    const doc = goodOrderProcess();
    doc.transitions![1]!.guards = [{ type: 'test.amount_above', config: { amount: 'lots' } }];
    const result = await run(doc, { data: { total: 10 }, transitions: ['pay', 'ship'] });
    expect(result.problems.map((p) => p.code)).toEqual(['INVALID_STEP_CONFIG', 'GUARD_FAILED']);
    expect(result.path[1]!.guards).toEqual([expect.objectContaining({ type: 'test.amount_above', ok: false, reason: 'GUARD_ERROR' })]);
  });

  it('gives up on an auto chain after the maximum number of hops', async () => {
    const loop: ProcessDocumentInput = {
      states: [
        { code: 'ping', label: 'Ping', initial: true },
        { code: 'pong', label: 'Pong' },
        { code: 'done', label: 'Done', terminal: true },
      ],
      transitions: [
        { name: 'to_pong', from: ['ping'], to: 'pong', triggers: [{ by: 'auto' }], actions: [{ type: 'test.capture', config: {} }] },
        { name: 'to_ping', from: ['pong'], to: 'ping', triggers: [{ by: 'auto' }] },
        { name: 'finish', from: ['ping'], to: 'done', triggers: [{ by: 'system' }], actions: [{ type: 'test.capture', config: {} }] },
      ],
    };
    const result = await run(loop, { transitions: ['finish'] });
    expect(result.path).toHaveLength(MAX_AUTO_HOPS);
    expect(result.problems.map((p) => p.code)).toEqual(['AUTO_LOOP', 'AUTO_CHAIN_TOO_LONG']);
    expect(result.ended).toBe(false);
  });

  it('returns only the problems when the document cannot be read or has no single start', async () => {
    expect(await run({ states: [] }, {})).toEqual({ path: [], finalState: '', ended: false, problems: [expect.objectContaining({ code: 'DOCUMENT_INVALID', path: 'states' })] });
    const noStart = goodOrderProcess();
    noStart.states[0]!.initial = false;
    expect(await run(noStart, {})).toMatchObject({ path: [], finalState: '', problems: [expect.objectContaining({ code: 'NO_INITIAL_STATE' })] });
  });
});
