import { z } from 'zod';
import type { GuardStepType } from '../../../kernel/process-contributions.js';

const config = z.object({
  amount: z.number().int().min(0).describe('The amount in minor units of the record’s currency (200.00 EUR is 20000)'),
  field: z.string().min(1).max(64).default('total').describe('The amount on the record to compare, e.g. total'),
});

function amountOf(data: Readonly<Record<string, unknown>>, field: string): number | null {
  const value = data[field];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

/** Passes when the record's amount is above a threshold (e.g. returns over 200.00 need approval). */
export const amountAboveStep: GuardStepType<z.output<typeof config>> = {
  code: 'core.amount_above',
  kind: 'guard',
  label: 'Amount above',
  description: 'Only when the record’s amount is above the given amount (minor units)',
  configSchema: config,
  check({ config: { amount, field }, instance }) {
    const value = amountOf(instance.data, field);
    if (value !== null && value > amount) return { ok: true };
    return { ok: false, message: `The ${field} is not above ${amount}`, reason: 'AMOUNT_NOT_ABOVE' };
  },
};

/** Passes when the record's amount is at most a threshold. */
export const amountAtMostStep: GuardStepType<z.output<typeof config>> = {
  code: 'core.amount_at_most',
  kind: 'guard',
  label: 'Amount at most',
  description: 'Only when the record’s amount is at most the given amount (minor units)',
  configSchema: config,
  check({ config: { amount, field }, instance }) {
    const value = amountOf(instance.data, field);
    if (value !== null && value <= amount) return { ok: true };
    return { ok: false, message: `The ${field} is above ${amount}`, reason: 'AMOUNT_ABOVE' };
  },
};
