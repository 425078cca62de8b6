import type { TestEnvironment } from '../../../testing/index.js';
import type { ProcessDocumentInput } from '../process-document.js';
import { ProcessBindingService } from '../process-binding.service.js';
import { ProcessDefinitionService } from '../process-definition.service.js';

const staff = { by: 'staff', permission: 'processes.transition' } as const;

/** The ticket process the engine tests run: every kind of trigger and step. */
export const ticketDocument: ProcessDocumentInput = {
  states: [
    { code: 'open', label: 'Open', initial: true },
    { code: 'waiting', label: 'Waiting for the customer' },
    { code: 'escalated', label: 'Escalated' },
    { code: 'reviewing', label: 'Reviewing' },
    { code: 'solved', label: 'Solved', terminal: true },
    { code: 'closed', label: 'Closed', terminal: true, outcome: 'cancelled' },
  ],
  transitions: [
    { name: 'triage', from: ['open'], to: 'open', triggers: [staff], actions: [{ type: 'ticket.write', config: { label: 't1' } }, { type: 'ticket.write', config: { label: 't2' } }, { type: 'core.set_tag', config: { tag: 'triaged' } }] },
    { name: 'ask', from: ['open'], to: 'waiting', triggers: [staff], guards: [{ type: 'core.require_field', config: { field: 'question' } }] },
    { name: 'answered', from: ['waiting'], to: 'open', triggers: [{ by: 'event', event: 'ticket.answered' }] },
    { name: 'give_up', from: ['waiting'], to: 'closed', triggers: [{ by: 'timer', afterMinutes: 60 }] },
    { name: 'escalate', from: ['open'], to: 'escalated', triggers: [staff, { by: 'customer' }] },
    { name: 'fulfil', from: ['open', 'escalated'], to: 'solved', triggers: [staff], actions: [{ type: 'ticket.write', config: { label: 'a' } }, { type: 'ticket.remote', config: { label: 'capture' } }, { type: 'ticket.remote', config: { label: 'ship', fail: true } }] },
    { name: 'solve', from: ['open', 'escalated'], to: 'solved', triggers: [staff], actions: [{ type: 'ticket.remote', config: { label: 'notify', failTimes: 1 } }, { type: 'ticket.write', config: { label: 'after' } }] },
    { name: 'break', from: ['open'], to: 'solved', triggers: [staff], actions: [{ type: 'ticket.write', config: { label: 'x' } }, { type: 'ticket.fail_in_tx', config: {} }] },
    { name: 'close', from: ['open', 'escalated', 'reviewing'], to: 'closed', triggers: [staff, { by: 'customer' }] },
    { name: 'review', from: ['open'], to: 'reviewing', triggers: [staff], actions: [{ type: 'ticket.write', config: { label: 'reviewed' } }] },
    { name: 'auto_finish', from: ['reviewing'], to: 'solved', triggers: [{ by: 'auto' }], actions: [{ type: 'ticket.fail_in_tx', config: {} }] },
    { name: 'inspect', from: ['open'], to: 'open', triggers: [staff], guards: [{ type: 'ticket.broken_guard', config: {} }] },
  ],
};

/** Publishes the ticket process and binds it as the default for tickets. */
export async function installTicketProcess(env: TestEnvironment): Promise<string> {
  const ctx = env.plaza.systemCtx();
  const definitions = env.plaza.container.resolve(ProcessDefinitionService);
  const { draft } = await definitions.create(ctx, { kind: 'ticket', code: 'support-ticket', name: 'Support ticket', document: ticketDocument });
  const version = await definitions.publish(ctx, draft.id);
  await env.plaza.container.resolve(ProcessBindingService).bind(ctx, { platformId: null, kind: 'ticket', versionId: version.id });
  return version.id;
}
