import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type SignedInClient, type TestEnvironment } from '../../testing/index.js';
import { createPlatform, type PlatformNode } from '../platforms/__tests__/platforms-harness.js';
import {
  PQ,
  definitionByCode,
  firstError,
  readInstance,
  startReturn,
  transition,
  withManagerApproval,
  type BindingNode,
  type VersionNode,
} from './__tests__/process-harness.js';

/**
 * The acceptance test: staff edit the return process through the admin API (manager
 * approval for returns over 200.00), publish it and bind it to one platform. New returns above
 * the amount on that platform wait for a manager; other platforms and smaller returns do not;
 * a return already running keeps the version it started with.
 */
describe('manager approval for returns over 200.00, edited and bound through the admin API', () => {
  let env: TestEnvironment;
  let storeA: PlatformNode;
  let storeB: PlatformNode;
  let manager: SignedInClient;
  let associate: SignedInClient;
  beforeAll(async () => {
    env = await createTestEnvironment();
    storeA = await createPlatform(env.adminClient, { name: 'Store A' });
    storeB = await createPlatform(env.adminClient, { name: 'Store B' });
    manager = await env.signIn({ name: 'Marta (manager)', roles: [{ role: 'store-manager', platformIds: [storeA.id] }] });
    associate = await env.signIn({ name: 'Alex (associate)', roles: [{ role: 'store-associate', platformIds: [storeA.id] }] });
  });
  afterAll(() => env?.close());

  it('holds new returns above 200.00 on the bound platform only, and leaves running returns on their version', async () => {
    // A return that is already running on store A when the process changes.
    const running = await startReturn(env, { platformId: storeA.id, total: 25000 });
    expect(running.state).toBe('approved');

    // Edit the shipped return process: a new draft from version 1, with the approval step.
    const standardReturn = await definitionByCode(env.adminClient, 'standard-return');
    const v1 = standardReturn.versions.find((v) => v.number === 1)!;
    const { createProcessDraft: draft } = await env.adminClient.data<{ createProcessDraft: VersionNode }>(PQ.createDraft, { definitionId: standardReturn.id });
    expect(draft.document).toEqual(v1.document);
    const edited = withManagerApproval(draft.document, 20000);
    expect(edited.transitions!.map((t) => t.name)).toEqual(['hold_for_approval', 'approve', 'manager_approve', 'reject', 'receive', 'refund', 'exchange', 'cancel']);
    const { updateProcessDraft } = await env.adminClient.data<{ updateProcessDraft: VersionNode }>(PQ.updateDraft, {
      input: { versionId: draft.id, document: edited, notes: 'Manager approval for returns over 200.00' },
    });
    expect(updateProcessDraft.problems).toEqual([]);

    type DryRun = { dryRunProcess: { finalState: string; path: { transition: string; trigger: string }[]; problems: unknown[] } };
    const big = await env.adminClient.data<DryRun>(PQ.dryRun, { input: { versionId: draft.id, sample: { data: { total: 25000, currency: 'EUR' } } } });
    expect(big.dryRunProcess).toMatchObject({ finalState: 'awaiting_approval', path: [{ transition: 'hold_for_approval', trigger: 'AUTO' }], problems: [] });
    const small = await env.adminClient.data<DryRun>(PQ.dryRun, { input: { versionId: draft.id, sample: { data: { total: 15000, currency: 'EUR' } } } });
    expect(small.dryRunProcess).toMatchObject({ finalState: 'approved', path: [{ transition: 'approve', trigger: 'AUTO' }] });

    const { publishProcessVersion: v2 } = await env.adminClient.data<{ publishProcessVersion: VersionNode }>(PQ.publish, { versionId: draft.id });
    expect(v2).toMatchObject({ status: 'PUBLISHED', number: 2, notes: 'Manager approval for returns over 200.00' });
    const { bindProcess } = await env.adminClient.data<{ bindProcess: BindingNode }>(PQ.bind, { input: { platformId: storeA.id, kind: 'return', versionId: v2.id } });
    expect(bindProcess).toMatchObject({ platformId: storeA.id, kind: 'return', mode: 'default', version: { number: 2 } });

    type Effective = { effectiveProcess: { id: string; number: number } };
    expect((await env.adminClient.data<Effective>(PQ.effective, { platformId: storeA.id, kind: 'return' })).effectiveProcess).toMatchObject({ id: v2.id, number: 2 });
    expect((await env.adminClient.data<Effective>(PQ.effective, { platformId: storeB.id, kind: 'return' })).effectiveProcess).toMatchObject({ id: v1.id, number: 1 });

    // A new return of 250.00 on store A waits for a manager.
    const held = await startReturn(env, { platformId: storeA.id, total: 25000 });
    expect(held).toMatchObject({ state: 'awaiting_approval', versionId: v2.id, status: 'active' });
    const asAssociate = await readInstance(associate, held.id);
    expect(asAssociate).toMatchObject({ state: 'awaiting_approval', stateLabel: 'Awaiting approval', version: { number: 2, definition: { code: 'standard-return' } } });
    expect(asAssociate.availableTransitions.map((t) => t.name)).not.toContain('manager_approve');
    const refused = await transition(associate, held.id, 'manager_approve');
    expect(firstError(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });

    const before = await readInstance(manager, held.id);
    expect(before.state).toBe('awaiting_approval');
    expect(before.history.edges.map((e) => [e.node.transition, e.node.fromState, e.node.toState, e.node.trigger, e.node.outcome])).toEqual([
      ['start', null, 'requested', 'START', 'COMPLETED'],
      ['hold_for_approval', 'requested', 'awaiting_approval', 'AUTO', 'COMPLETED'],
    ]);
    expect(before.history.edges[1]!.node.detail).toMatchObject({ guards: [{ type: 'core.amount_above', ok: true }] });
    expect(before.availableTransitions.map((t) => t.name)).toEqual(['manager_approve', 'reject', 'cancel']);

    const approved = await transition(manager, held.id, 'manager_approve', { expectedSeq: before.seq });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.transitionProcess).toMatchObject({ state: 'approved', seq: before.seq + 1, version: { number: 2 } });
    const after = await readInstance(manager, held.id);
    expect(after.history.edges.map((e) => e.node.transition)).toEqual(['start', 'hold_for_approval', 'manager_approve']);
    expect(after.history.edges[2]!.node).toMatchObject({ trigger: 'STAFF', actor: { kind: 'staff', id: manager.staffId } });

    // The same return on store B is approved at once (store B runs version 1).
    const onB = await startReturn(env, { platformId: storeB.id, total: 25000 });
    expect(onB).toMatchObject({ state: 'approved', versionId: v1.id });
    expect((await readInstance(env.adminClient, onB.id)).version.number).toBe(1);

    // A return of 150.00 on store A is approved at once.
    const smallReturn = await startReturn(env, { platformId: storeA.id, total: 15000 });
    expect(smallReturn).toMatchObject({ state: 'approved', versionId: v2.id });
    expect((await readInstance(manager, smallReturn.id)).history.edges.map((e) => e.node.transition)).toEqual(['start', 'approve']);

    // The return started before the binding keeps version 1.
    const stillV1 = await readInstance(manager, running.id);
    expect(stillV1).toMatchObject({ state: 'approved', versionId: v1.id, version: { number: 1, definition: { code: 'standard-return' } } });
    expect(stillV1.availableTransitions.map((t) => t.name)).not.toContain('manager_approve');
    expect(stillV1.availableTransitions.map((t) => t.name)).toEqual(['receive', 'cancel']);
    const received = await transition(manager, running.id, 'receive');
    expect(received.data!.transitionProcess).toMatchObject({ state: 'received', version: { number: 1 } });
    const notInV1 = await transition(manager, running.id, 'manager_approve');
    expect(firstError(notInV1)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_TRANSITION' });

    const { processInstances } = await manager.data<{ processInstances: { edges: { node: { id: string; state: string; version: { number: number } } }[] } }>(PQ.instances, {
      filter: { kind: 'return', platformId: storeA.id },
    });
    expect(processInstances.edges.map((e) => [e.node.id, e.node.state, e.node.version.number])).toEqual([
      [smallReturn.id, 'approved', 2],
      [held.id, 'approved', 2],
      [running.id, 'received', 1],
    ]);
  });
});
