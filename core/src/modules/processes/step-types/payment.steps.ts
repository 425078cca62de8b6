import { z } from 'zod';
import type { ActionStepType, GuardStepType } from '../../../kernel/process-contributions.js';

const PAID = new Set(['captured', 'paid', 'pay_later']);

/** The order must be paid (its `paymentStatus` is captured/paid) or explicitly pay-later. */
export const requirePaymentStep: GuardStepType<Record<string, never>> = {
  code: 'core.require_payment',
  kind: 'guard',
  label: 'Require payment',
  description: 'Only once the order is paid (or marked to be paid later)',
  configSchema: z.object({}).strict(),
  kinds: ['order'],
  satisfies: ['payment'],
  check({ instance }) {
    const status = instance.data.paymentStatus;
    if (typeof status === 'string' && PAID.has(status)) return { ok: true };
    return { ok: false, message: 'The order is not paid yet', reason: 'PAYMENT_REQUIRED' };
  },
};

const payLaterConfig = z.object({
  dueDays: z.number().int().min(0).max(365).default(30).describe('Days the customer has to pay (e.g. on invoice)'),
});

/** Marks the order as paid later (invoice, pay at pickup): the explicit alternative to a payment step. */
export const payLaterStep: ActionStepType<z.output<typeof payLaterConfig>> = {
  code: 'core.pay_later',
  kind: 'action',
  execution: 'transaction',
  label: 'Pay later',
  description: 'Lets the order go on unpaid: the customer pays later (invoice, at pickup) within the given days',
  configSchema: payLaterConfig,
  kinds: ['order'],
  satisfies: ['payment'],
  run({ config }) {
    return { data: { paymentStatus: 'pay_later', paymentDueAt: Date.now() + config.dueDays * 86_400_000 } };
  },
};
