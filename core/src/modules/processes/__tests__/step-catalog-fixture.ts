import { z } from 'zod';
import type { PluginScope } from '../../../kernel/plugin.js';
import type { AnyStepType, ProcessKindDefinition } from '../../../kernel/process-contributions.js';
import type { GuardSource } from '../guard-evaluation.js';
import type { ProcessCatalogView } from '../process-catalog.js';
import type { ProcessDocumentInput } from '../process-document.js';

/** Small real step types for unit tests of validation and dry runs. */
export const testStepTypes: AnyStepType[] = [
  {
    kind: 'guard',
    code: 'test.amount_above',
    label: 'Amount above',
    description: 'Passes when the total is above an amount',
    configSchema: z.object({ amount: z.number().int() }),
    check: ({ config, instance }) =>
      Number(instance.data.total) > config.amount ? { ok: true } : { ok: false, message: `The total must be above ${config.amount}`, reason: 'TOO_LOW' },
  },
  {
    kind: 'action',
    code: 'test.capture',
    label: 'Capture payment',
    description: 'Captures the payment',
    configSchema: z.object({}),
    execution: 'job',
    satisfies: ['payment'],
    run: () => undefined,
  },
  {
    kind: 'action',
    code: 'test.set_tag',
    label: 'Set tag',
    description: 'Adds a tag',
    configSchema: z.object({ tag: z.string().min(1) }),
    execution: 'transaction',
    run: ({ config }) => ({ addTags: [config.tag] }),
  },
  {
    kind: 'action',
    code: 'test.refund',
    label: 'Refund',
    description: 'Refunds a return',
    configSchema: z.object({}),
    execution: 'job',
    kinds: ['return'],
    run: () => undefined,
  },
  {
    kind: 'action',
    code: 'test.schedule',
    label: 'Schedule a transition',
    description: 'Schedules a transition out of the state entered',
    configSchema: z.object({ transition: z.string() }),
    execution: 'job',
    checkDefinition: (config, where) =>
      where.transitions.some((t) => t.name === config.transition && t.from.includes(where.transition.to))
        ? []
        : [`the transition “${config.transition}” does not leave the state this step enters`],
    run: () => undefined,
  },
];

/** An `order` kind with a `payment` milestone, and a `return` kind. */
export const testKinds: ProcessKindDefinition[] = [
  {
    code: 'order',
    label: 'Order',
    description: 'Orders',
    subjectType: 'order',
    subjectKey: 'orderId',
    milestones: [{ code: 'payment', label: 'Payment', description: 'An order must be paid, or marked pay-later, before it completes.' }],
  },
  { code: 'return', label: 'Return', description: 'Returns', subjectType: 'return', subjectKey: 'returnId' },
];

/** A catalog view (and guard source) over the test step types and kinds. */
export function testCatalog(stepTypes: AnyStepType[] = testStepTypes): ProcessCatalogView & GuardSource {
  const scope = { name: 'test', version: '0.0.0', config: {} } as unknown as PluginScope<unknown>;
  return {
    kind: (code) => testKinds.find((k) => k.code === code),
    stepType: (code: string) => stepTypes.find((s) => s.code === code),
    stepScope: () => scope,
    permissionKnown: (code) => code === 'orders.manage',
    eventKnown: (name) => name === 'payment.captured',
  };
}

/** A valid order process: placed → paid → shipped → completed, cancellable before shipping. */
export function goodOrderProcess(): ProcessDocumentInput {
  return {
    states: [
      { code: 'placed', label: 'Placed', initial: true },
      { code: 'paid', label: 'Paid' },
      { code: 'shipped', label: 'Shipped' },
      { code: 'completed', label: 'Completed', terminal: true, outcome: 'completed' },
      { code: 'cancelled', label: 'Cancelled', terminal: true, outcome: 'cancelled' },
    ],
    transitions: [
      { name: 'pay', from: ['placed'], to: 'paid', triggers: [{ by: 'event', event: 'payment.captured' }], actions: [{ type: 'test.capture', config: {} }] },
      { name: 'ship', from: ['paid'], to: 'shipped', triggers: [{ by: 'staff', permission: 'orders.manage' }], guards: [{ type: 'test.amount_above', config: { amount: 0 } }] },
      { name: 'complete', from: ['shipped'], to: 'completed', triggers: [{ by: 'auto' }], actions: [{ type: 'test.set_tag', config: { tag: 'done' } }] },
      { name: 'cancel', from: ['placed', 'paid'], to: 'cancelled', triggers: [{ by: 'customer' }, { by: 'staff', permission: 'orders.manage' }] },
    ],
  };
}
