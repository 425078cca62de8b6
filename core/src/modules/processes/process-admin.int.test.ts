import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, createTestEnvironment, type TestEnvironment } from '../../testing/index.js';
import { createPlatform, type PlatformNode } from '../platforms/__tests__/platforms-harness.js';
import {
  PQ,
  allDefinitions,
  definitionByCode,
  firstError,
  readInstance,
  simpleReturnDocument,
  startReturn,
  transition,
  type BindingNode,
  type DefinitionNode,
  type InstanceNode,
  type ProblemNode,
  type VersionNode,
} from './__tests__/process-harness.js';
import type { ProcessDocumentInput } from './process-document.js';

type AuditNode = { action: string; entityType: string; entityId: string; platformId: string | null; actorId: string; before: unknown; after: Record<string, unknown> | null };

/** A return process with three mistakes: a guard's config, an unknown permission, and no way out of "approved". */
function brokenReturnDocument(): ProcessDocumentInput {
  const document = simpleReturnDocument();
  const [approve, reject] = document.transitions!;
  return {
    states: document.states,
    transitions: [
      { ...approve!, guards: [{ type: 'core.amount_above', config: { amount: 'lots' } }] },
      { ...reject!, triggers: [{ by: 'staff', permission: 'returns.approve' }] },
    ],
  };
}

describe('processes admin API', () => {
  let env: TestEnvironment;
  let platformA: PlatformNode;
  let platformB: PlatformNode;
  beforeAll(async () => {
    env = await createTestEnvironment();
    platformA = await createPlatform(env.adminClient, { name: 'Madrid store' });
    platformB = await createPlatform(env.adminClient, { name: 'Web shop' });
  });
  afterAll(() => env?.close());

  it('lists the installed process kinds, and step types with their config forms', async () => {
    const { processKinds } = await env.adminClient.data<{ processKinds: { code: string; plugin: string; subjectType: string; modes: { code: string }[]; milestones: { code: string }[] }[] }>(PQ.kinds);
    expect(processKinds.map((k) => k.code)).toEqual(['fulfillment', 'order', 'return']);
    const order = processKinds.find((k) => k.code === 'order')!;
    expect(order).toMatchObject({ plugin: 'core.processes', subjectType: 'order', milestones: [{ code: 'payment' }] });
    expect(order.modes.map((m) => m.code)).toEqual(['default', 'ship', 'pickup', 'order_ahead', 'carry_out']);

    type StepTypeNode = { code: string; kind: string; execution: string; compensable: boolean; kinds: string[] | null; satisfies: string[]; configSchema: { type: string; properties: Record<string, { type: string; description?: string }>; required?: string[] }; plugin: string };
    const { processStepTypes } = await env.adminClient.data<{ processStepTypes: StepTypeNode[] }>(PQ.stepTypes);
    const codes = processStepTypes.map((s) => s.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(['core.amount_above', 'core.amount_at_most', 'core.notify_customer', 'core.require_payment', 'core.require_field']));
    const amountAbove = processStepTypes.find((s) => s.code === 'core.amount_above')!;
    expect(amountAbove).toMatchObject({ kind: 'GUARD', execution: 'TRANSACTION', compensable: false, kinds: null, plugin: 'core.processes' });
    expect(amountAbove.configSchema.type).toBe('object');
    expect(amountAbove.configSchema.properties.amount).toMatchObject({ type: 'integer' });
    expect(amountAbove.configSchema.properties.amount!.description).toContain('minor units');
    expect(processStepTypes.find((s) => s.code === 'core.notify_customer')).toMatchObject({ kind: 'ACTION', execution: 'TRANSACTION' });
    expect(processStepTypes.find((s) => s.code === 'core.require_payment')!.satisfies).toContain('payment');
    for (const step of processStepTypes) expect(step.configSchema).toMatchObject({ type: 'object' });

    const forReturns = await env.adminClient.data<{ processStepTypes: StepTypeNode[] }>(PQ.stepTypes, { kind: 'return' });
    expect(forReturns.processStepTypes.every((s) => s.kinds === null || s.kinds.includes('return'))).toBe(true);
    expect(forReturns.processStepTypes.map((s) => s.code)).toContain('core.amount_above');
  });

  it('ships six processes, each published as version 1 and bound as the default of its modes', async () => {
    const shipped = await allDefinitions(env.adminClient);
    expect(shipped.map((d) => d.code).sort()).toEqual(['click-and-collect', 'order-ahead', 'pos-carry-out', 'standard-fulfillment', 'standard-order', 'standard-return']);
    for (const definition of shipped) {
      expect(definition.latestVersion).toMatchObject({ number: 1 });
      expect(definition.draft).toBeNull();
    }
    const { processBindings } = await env.adminClient.data<{ processBindings: BindingNode[] }>(PQ.bindings, {});
    const defaults = processBindings.filter((b) => b.platformId === null);
    const codeOf = new Map(shipped.map((d) => [d.latestVersion!.id, d.code]));
    expect(defaults.map((b) => [b.kind, b.mode, codeOf.get(b.versionId)]).sort()).toEqual(
      [
        ['fulfillment', 'default', 'standard-fulfillment'],
        ['order', 'carry_out', 'pos-carry-out'],
        ['order', 'default', 'standard-order'],
        ['order', 'order_ahead', 'order-ahead'],
        ['order', 'pickup', 'click-and-collect'],
        ['order', 'ship', 'standard-order'],
        ['return', 'default', 'standard-return'],
      ].sort(),
    );
    for (const binding of defaults) expect(binding.version.number).toBe(1);

    const standardReturn = await definitionByCode(env.adminClient, 'standard-return');
    expect(standardReturn.kind).toBe('return');
    expect(standardReturn.versions).toHaveLength(1);
    expect(standardReturn.versions[0]).toMatchObject({ status: 'PUBLISHED', number: 1, notes: 'Shipped with Plaza', problems: [] });
    expect(standardReturn.bindings.map((b) => [b.platformId, b.kind, b.mode])).toEqual([[null, 'return', 'default']]);

    type Effective = { effectiveProcess: { number: number; definition: { code: string } } | null };
    const pickup = await env.adminClient.data<Effective>(PQ.effective, { platformId: platformA.id, kind: 'order', mode: 'pickup' });
    expect(pickup.effectiveProcess).toMatchObject({ number: 1, definition: { code: 'click-and-collect' } });
    const { effectiveProcess } = await env.adminClient.data<Effective>(PQ.effective, { platformId: platformA.id, kind: 'fulfillment', mode: 'pickup' });
    expect(effectiveProcess!.definition.code).toBe('standard-fulfillment');
  });

  it('takes a definition from a draft through validation to a published, immutable version', async () => {
    const created = await env.adminClient.data<{ createProcessDefinition: DefinitionNode & { draft: VersionNode } }>(PQ.createDefinition, {
      input: { kind: 'return', code: 'strict-return', name: 'Strict return', description: 'Every return approved by hand', document: { states: [], transitions: [] } },
    });
    const definition = created.createProcessDefinition;
    const draft = definition.draft;
    expect(definition).toMatchObject({ kind: 'return', code: 'strict-return', versions: [{ id: draft.id }] });
    expect(draft).toMatchObject({ status: 'DRAFT', number: null });
    expect(draft.problems.map((p) => p.code)).toEqual(['DOCUMENT_INVALID']);

    const taken = await env.adminClient.query(PQ.createDefinition, { input: { kind: 'return', code: 'strict-return', name: 'Again' } });
    expect(firstError(taken)).toMatchObject({ code: 'CONFLICT', reason: 'PROCESS_CODE_TAKEN' });
    const badKind = await env.adminClient.query(PQ.createDefinition, { input: { kind: 'quote', code: 'Not A Code', name: 'x' } });
    expect(firstError(badKind)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DEFINITION_INVALID' });
    expect(badKind.errors![0]!.extensions!.fields!.map((f) => f.path).sort()).toEqual(['code', 'kind']);

    const { updateProcessDraft: edited } = await env.adminClient.data<{ updateProcessDraft: VersionNode }>(PQ.updateDraft, { input: { versionId: draft.id, document: brokenReturnDocument(), notes: 'Work in progress' } });
    expect(edited).toMatchObject({ id: draft.id, status: 'DRAFT', notes: 'Work in progress' });
    const expected = ['INVALID_STEP_CONFIG', 'UNKNOWN_PERMISSION', 'DEAD_END', 'UNREACHABLE_STATE'];
    expect([...new Set(edited.problems.map((p) => p.code))].sort()).toEqual([...expected].sort());

    const { validateProcess } = await env.adminClient.data<{ validateProcess: ProblemNode[] }>(PQ.validate, { versionId: draft.id });
    expect(validateProcess).toEqual(edited.problems);
    expect(validateProcess.find((p) => p.code === 'INVALID_STEP_CONFIG')).toMatchObject({ path: 'transitions[0].guards[0].config.amount', transition: 'approve' });
    expect(validateProcess.find((p) => p.code === 'UNKNOWN_PERMISSION')).toMatchObject({ path: 'transitions[1].triggers[0].permission', transition: 'reject' });
    expect(validateProcess.find((p) => p.code === 'DEAD_END')).toMatchObject({ state: 'approved' });
    expect(validateProcess.find((p) => p.code === 'UNREACHABLE_STATE')).toMatchObject({ state: 'refunded' });
    const asSent = await env.adminClient.data<{ validateProcess: ProblemNode[] }>(PQ.validate, { kind: 'return', document: brokenReturnDocument() });
    expect(asSent.validateProcess).toEqual(validateProcess);
    const noSource = await env.adminClient.query(PQ.validate, {});
    expect(firstError(noSource)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SOURCE_REQUIRED' });

    const refused = await env.adminClient.query(PQ.publish, { versionId: draft.id });
    const error = firstError(refused);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PROCESS_INVALID' });
    const problems = error.details!.problems as ProblemNode[];
    expect([...new Set(problems.map((p) => p.code))].sort()).toEqual([...expected].sort());
    expect((await env.adminClient.data<{ processVersion: VersionNode }>(PQ.version, { id: draft.id })).processVersion.status).toBe('DRAFT');

    await env.adminClient.data(PQ.updateDraft, { input: { versionId: draft.id, document: simpleReturnDocument() } });
    const { publishProcessVersion: v1 } = await env.adminClient.data<{ publishProcessVersion: VersionNode }>(PQ.publish, { versionId: draft.id, notes: 'First version' });
    expect(v1).toMatchObject({ id: draft.id, status: 'PUBLISHED', number: 1, notes: 'First version', problems: [] });
    expect(v1.publishedAt).not.toBeNull();
    expect(v1.publishedBy).toBeTruthy();
    expect(v1.document.transitions!.map((t) => t.name)).toEqual(['approve', 'reject', 'refund']);

    const frozen = await env.adminClient.query(PQ.updateDraft, { input: { versionId: v1.id, notes: 'changed' } });
    expect(firstError(frozen)).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_PUBLISHED' });
    expect(firstError(await env.adminClient.query(PQ.discardDraft, { versionId: v1.id }))).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_PUBLISHED' });
    expect(firstError(await env.adminClient.query(PQ.publish, { versionId: v1.id }))).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_PUBLISHED' });

    const { createProcessDraft: next } = await env.adminClient.data<{ createProcessDraft: VersionNode }>(PQ.createDraft, { definitionId: definition.id });
    expect(next).toMatchObject({ status: 'DRAFT', number: null, problems: [] });
    expect(next.id).not.toBe(v1.id);
    expect(next.document).toEqual(v1.document);
    const second = await env.adminClient.query(PQ.createDraft, { definitionId: definition.id });
    expect(firstError(second)).toMatchObject({ code: 'CONFLICT', reason: 'DRAFT_EXISTS' });

    const { processDefinition } = await env.adminClient.data<{ processDefinition: DefinitionNode }>(PQ.definition, { id: definition.id });
    expect(processDefinition.versions.map((v) => [v.status, v.number])).toEqual([['DRAFT', null], ['PUBLISHED', 1]]);
    expect(processDefinition).toMatchObject({ draft: { id: next.id }, latestVersion: { id: v1.id, number: 1 }, bindings: [] });

    const renamed = { ...next.document, states: next.document.states.map((s) => (s.code === 'approved' ? { ...s, label: 'Approved by a manager' } : s)) };
    await env.adminClient.data(PQ.updateDraft, { input: { versionId: next.id, document: renamed } });
    const { publishProcessVersion: v2 } = await env.adminClient.data<{ publishProcessVersion: VersionNode }>(PQ.publish, { versionId: next.id });
    expect(v2.number).toBe(2);
    const { processVersion: stillV1 } = await env.adminClient.data<{ processVersion: VersionNode & { definition: { code: string } } }>(PQ.version, { id: v1.id });
    expect(stillV1.document.states.find((s) => s.code === 'approved')!.label).toBe('Approved');
    expect(stillV1.definition.code).toBe('strict-return');

    const { createProcessDraft: scrap } = await env.adminClient.data<{ createProcessDraft: VersionNode }>(PQ.createDraft, { definitionId: definition.id, fromVersionId: v1.id });
    expect(scrap.document).toEqual(v1.document);
    expect((await env.adminClient.data<{ discardProcessDraft: boolean }>(PQ.discardDraft, { versionId: scrap.id })).discardProcessDraft).toBe(true);
    expect(firstError(await env.adminClient.query(PQ.version, { id: scrap.id }))).toMatchObject({ code: 'NOT_FOUND' });
    const other = await definitionByCode(env.adminClient, 'standard-return');
    const foreign = await env.adminClient.query(PQ.createDraft, { definitionId: definition.id, fromVersionId: other.versions[0]!.id });
    expect(firstError(foreign)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VERSION_OF_OTHER_PROCESS' });
  });

  it('binds a version to a platform for staff who may bind there, and unbinds it', async () => {
    const created = await env.adminClient.data<{ createProcessDefinition: DefinitionNode & { draft: VersionNode } }>(PQ.createDefinition, {
      input: { kind: 'return', code: 'store-return', name: 'Store return', document: simpleReturnDocument() },
    });
    const draftId = created.createProcessDefinition.draft.id;
    const unpublished = await env.adminClient.query(PQ.bind, { input: { platformId: platformA.id, kind: 'return', versionId: draftId } });
    expect(firstError(unpublished)).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_NOT_PUBLISHED' });
    const { publishProcessVersion: version } = await env.adminClient.data<{ publishProcessVersion: VersionNode }>(PQ.publish, { versionId: draftId });

    const bOnly = await env.signIn({ roles: [{ permissions: ['processes.read', 'processes.bind'], platformIds: [platformB.id] }] });
    const elsewhere = await bOnly.query(PQ.bind, { input: { platformId: platformA.id, kind: 'return', versionId: version.id } });
    expect(firstError(elsewhere)).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    const asDefault = await bOnly.query(PQ.bind, { input: { platformId: null, kind: 'return', versionId: version.id } });
    expect(firstError(asDefault)).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_MISSING' });
    const wrongKind = await bOnly.query(PQ.bind, { input: { platformId: platformB.id, kind: 'order', versionId: version.id } });
    expect(firstError(wrongKind)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'KIND_MISMATCH' });
    const badMode = await bOnly.query(PQ.bind, { input: { platformId: platformB.id, kind: 'return', mode: 'pickup', versionId: version.id } });
    expect(firstError(badMode)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_MODE' });

    const { bindProcess } = await bOnly.data<{ bindProcess: BindingNode }>(PQ.bind, { input: { platformId: platformB.id, kind: 'return', versionId: version.id } });
    expect(bindProcess).toMatchObject({ platformId: platformB.id, kind: 'return', mode: 'default', versionId: version.id, version: { number: 1 }, boundBy: bOnly.staffId });

    type Effective = { effectiveProcess: { id: string; definition: { code: string } } };
    expect((await bOnly.data<Effective>(PQ.effective, { platformId: platformB.id, kind: 'return' })).effectiveProcess.definition.code).toBe('store-return');
    expect((await env.adminClient.data<Effective>(PQ.effective, { platformId: platformA.id, kind: 'return' })).effectiveProcess.definition.code).toBe('standard-return');
    expect(firstError(await bOnly.query(PQ.effective, { platformId: platformA.id, kind: 'return' }))).toMatchObject({ code: 'FORBIDDEN' });

    const { processBindings } = await bOnly.data<{ processBindings: BindingNode[] }>(PQ.bindings, { platformId: platformB.id, kind: 'return' });
    expect(processBindings.map((b) => [b.platformId, b.versionId])).toEqual(
      expect.arrayContaining([
        [null, expect.any(String)],
        [platformB.id, version.id],
      ]),
    );
    expect(processBindings).toHaveLength(2);
    const { processDefinition } = await env.adminClient.data<{ processDefinition: DefinitionNode }>(PQ.definition, { id: created.createProcessDefinition.id });
    expect(processDefinition.bindings.map((b) => [b.platformId, b.kind, b.mode, b.version.number])).toEqual([[platformB.id, 'return', 'default', 1]]);

    const started = await startReturn(env, { platformId: platformB.id, total: 1000 });
    expect(started.versionId).toBe(version.id);
    expect(started.state).toBe('requested');

    expect(firstError(await bOnly.query(PQ.unbind, { input: { platformId: platformA.id, kind: 'return' } }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await bOnly.data<{ unbindProcess: boolean }>(PQ.unbind, { input: { platformId: platformB.id, kind: 'return' } })).unbindProcess).toBe(true);
    expect((await bOnly.data<{ unbindProcess: boolean }>(PQ.unbind, { input: { platformId: platformB.id, kind: 'return' } })).unbindProcess).toBe(false);
    expect((await bOnly.data<Effective>(PQ.effective, { platformId: platformB.id, kind: 'return' })).effectiveProcess.definition.code).toBe('standard-return');
    expect((await startReturn(env, { platformId: platformB.id, total: 1000 })).state).toBe('approved');
    expect((await readInstance(env.adminClient, started.id)).version.definition.code).toBe('store-return');
  });

  it('dry-runs a stored version or a document sent as is, without touching anything', async () => {
    const standardReturn = await definitionByCode(env.adminClient, 'standard-return');
    type DryRun = { dryRunProcess: { finalState: string; ended: boolean; path: { transition: string; from: string; to: string; trigger: string; guards: { type: string; ok: boolean }[]; actions: { type: string; execution: string }[] }[]; problems: ProblemNode[] } };
    const before = await env.adminClient.data<{ processInstances: { edges: unknown[] } }>(PQ.instances, { first: 100 });

    const { dryRunProcess: walked } = await env.adminClient.data<DryRun>(PQ.dryRun, {
      input: { versionId: standardReturn.versions[0]!.id, sample: { data: { total: 25000, currency: 'EUR' }, transitions: ['receive', 'refund'] } },
    });
    expect(walked.path.map((s) => [s.transition, s.from, s.to, s.trigger])).toEqual([
      ['approve', 'requested', 'approved', 'AUTO'],
      ['receive', 'approved', 'received', 'REQUESTED'],
      ['refund', 'received', 'refunded', 'REQUESTED'],
    ]);
    expect(walked.path[0]!.actions).toEqual([{ type: 'core.notify_customer', label: 'Notify the customer', execution: 'TRANSACTION' }]);
    expect(walked).toMatchObject({ finalState: 'refunded', ended: true, problems: [] });

    const guarded = simpleReturnDocument();
    guarded.transitions![0] = { ...guarded.transitions![0]!, guards: [{ type: 'core.amount_at_most', config: { amount: 10000 } }] };
    const { dryRunProcess: stopped } = await env.adminClient.data<DryRun>(PQ.dryRun, {
      input: { kind: 'return', document: guarded, sample: { data: { total: 25000 }, transitions: ['approve', 'refund'] } },
    });
    expect(stopped.path.map((s) => [s.transition, s.guards.map((g) => g.ok)])).toEqual([['approve', [false]]]);
    expect(stopped).toMatchObject({ finalState: 'requested', ended: false, problems: [{ code: 'GUARD_FAILED', transition: 'approve' }] });

    const { dryRunProcess: unknown } = await env.adminClient.data<DryRun>(PQ.dryRun, { input: { kind: 'return', document: simpleReturnDocument(), sample: { transitions: ['refund'] } } });
    expect(unknown.problems).toEqual([expect.objectContaining({ code: 'TRANSITION_NOT_AVAILABLE', state: 'requested', transition: 'refund' })]);

    const notObject = await env.adminClient.query(PQ.dryRun, { input: { kind: 'return', document: simpleReturnDocument(), sample: { data: [1, 2] } } });
    expect(firstError(notObject)).toMatchObject({ code: 'BAD_USER_INPUT' });

    const after = await env.adminClient.data<{ processInstances: { edges: unknown[] } }>(PQ.instances, { first: 100 });
    expect(after.processInstances.edges).toHaveLength(before.processInstances.edges.length);
  });

  it('lists instances with their version and definition in a bounded number of statements, and shows one with its history', async () => {
    const started = [];
    for (let i = 0; i < 12; i++) started.push(await startReturn(env, { platformId: platformA.id, total: 1000 + i }));
    const read = () => env.adminClient.data<{ processInstances: { edges: { node: InstanceNode }[] } }>(PQ.instances, { filter: { kind: 'return', platformId: platformA.id }, first: 50 });
    await read();
    const { result, sql } = await countQueries(env.plaza.db, read);
    const nodes = result.processInstances.edges.map((e) => e.node);
    expect(nodes.map((n) => n.id).slice(0, 12)).toEqual(started.map((s) => s.id).reverse());
    expect(nodes[0]).toMatchObject({ kind: 'return', state: 'approved', stateLabel: 'Approved', status: 'ACTIVE', seq: 1, pending: false, version: { number: 1, definition: { code: 'standard-return' } } });
    expect(nodes[0]!.availableTransitions.map((t) => t.name)).toEqual(['receive', 'cancel']);
    expect(sql.filter((s) => /from [`"]process_definition[`"]/.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /from [`"]process_version[`"]/.test(s))).toHaveLength(0);
    expect(sql.filter((s) => /from [`"]process_instance[`"]/.test(s))).toHaveLength(1);

    const one = started[0]!;
    const moved = await transition(env.adminClient, one.id, 'receive', { expectedSeq: 1, input: { note: 'Box opened' } });
    expect(moved.data?.transitionProcess).toMatchObject({ state: 'received', seq: 2 });
    const stale = await transition(env.adminClient, one.id, 'refund', { expectedSeq: 1 });
    expect(firstError(stale)).toMatchObject({ code: 'CONFLICT', reason: 'STALE_TRANSITION' });
    const notHere = await transition(env.adminClient, one.id, 'receive');
    expect(firstError(notHere)).toMatchObject({ code: 'CONFLICT', reason: 'TRANSITION_NOT_AVAILABLE' });
    const badInput = await transition(env.adminClient, one.id, 'refund', { input: 'yes' as unknown as Record<string, unknown> });
    expect(firstError(badInput)).toMatchObject({ code: 'BAD_USER_INPUT' });
    await transition(env.adminClient, one.id, 'refund');
    const instance = await readInstance(env.adminClient, one.id);
    expect(instance).toMatchObject({ state: 'refunded', status: 'ENDED', outcome: 'COMPLETED', availableTransitions: [] });
    expect(instance.history.edges.map((e) => [e.node.transition, e.node.fromState, e.node.toState, e.node.trigger, e.node.outcome])).toEqual([
      ['start', null, 'requested', 'START', 'COMPLETED'],
      ['approve', 'requested', 'approved', 'AUTO', 'COMPLETED'],
      ['receive', 'approved', 'received', 'STAFF', 'COMPLETED'],
      ['refund', 'received', 'refunded', 'STAFF', 'COMPLETED'],
    ]);
    expect(instance.history.edges[2]!.node).toMatchObject({ input: { note: 'Box opened' }, actor: { kind: 'staff' } });
    const ended = await transition(env.adminClient, one.id, 'cancel');
    expect(firstError(ended)).toMatchObject({ code: 'CONFLICT', reason: 'PROCESS_ENDED' });

    const scoped = await env.signIn({ roles: [{ role: 'store-associate', platformIds: [platformB.id] }] });
    expect(firstError(await scoped.query(PQ.instance, { id: one.id }))).toMatchObject({ code: 'FORBIDDEN' });
    const theirs = await scoped.data<{ processInstances: { edges: { node: InstanceNode }[] } }>(PQ.instances, { first: 100 });
    expect(theirs.processInstances.edges.every((e) => e.node.platformId === platformB.id)).toBe(true);
  });

  it('lets a read-only member read processes but not edit, publish, bind or move records', async () => {
    const reader = await env.signIn({ roles: [{ role: 'read-only' }] });
    const standardReturn = (await allDefinitions(reader)).find((d) => d.code === 'standard-return')!;
    expect(standardReturn.latestVersion!.number).toBe(1);
    expect((await reader.data<{ processKinds: unknown[] }>(PQ.kinds)).processKinds).toHaveLength(3);

    const create = await reader.query(PQ.createDefinition, { input: { kind: 'return', code: 'reader-return', name: 'Nope', document: simpleReturnDocument() } });
    expect(firstError(create)).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    expect(firstError(await reader.query(PQ.createDraft, { definitionId: standardReturn.id }))).toMatchObject({ code: 'FORBIDDEN' });
    const bind = await reader.query(PQ.bind, { input: { platformId: platformA.id, kind: 'return', versionId: standardReturn.latestVersion!.id } });
    expect(firstError(bind)).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_MISSING' });
    const instance = await startReturn(env, { platformId: platformA.id, total: 500 });
    expect((await readInstance(reader, instance.id)).availableTransitions).toEqual([]);
    expect(firstError(await transition(reader, instance.id, 'receive'))).toMatchObject({ code: 'FORBIDDEN' });

    expect(firstError(await env.limitedAdminClient.query(PQ.kinds))).toMatchObject({ code: 'FORBIDDEN' });
    expect(firstError(await env.anonymousAdminClient.query(PQ.kinds))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('audits every change to a definition and every binding', async () => {
    const created = await env.adminClient.data<{ createProcessDefinition: DefinitionNode & { draft: VersionNode } }>(PQ.createDefinition, {
      input: { kind: 'return', code: 'audited-return', name: 'Audited return', document: simpleReturnDocument() },
    });
    const versionId = created.createProcessDefinition.draft.id;
    await env.adminClient.data(PQ.publish, { versionId });
    await env.adminClient.data(PQ.bind, { input: { platformId: platformA.id, kind: 'return', versionId } });
    await env.adminClient.data(PQ.unbind, { input: { platformId: platformA.id, kind: 'return' } });

    const audit = async (filter: Record<string, unknown>) =>
      (await env.adminClient.data<{ auditLog: { edges: { node: AuditNode }[] } }>(PQ.audit, { filter })).auditLog.edges.map((e) => e.node).reverse();
    const definition = await audit({ entityType: 'process_definition', entityId: created.createProcessDefinition.id });
    expect(definition.map((e) => e.action)).toEqual(['process.created']);
    const version = await audit({ entityType: 'process_version', entityId: versionId });
    expect(version.map((e) => e.action)).toEqual(['process.published']);
    expect(version[0]!.after).toMatchObject({ code: 'audited-return', number: 1 });
    const bindings = await audit({ entityType: 'process_binding', platformId: platformA.id });
    expect(bindings.map((e) => e.action).slice(-2)).toEqual(['process.bound', 'process.unbound']);
    expect(bindings.at(-2)!.after).toMatchObject({ kind: 'return', mode: 'default', versionId });
  });
});
