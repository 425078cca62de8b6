import { z } from 'zod';
import type { GuardStepType } from '../../../kernel/process-contributions.js';

const config = z.object({
  amount: z.number().int().min(0).describe('The amount in minor units of the record’s currency (200.00 EUR is 20000)'),
  field: z.string().min(1).max(64).default('total').describe('The amount on the record to compare, e.g. total'),
});

type AmountConfig = z.output<typeof config>;

function amountOf(data: Readonly<Record<string, unknown>>, field: string): number | null {
  const value = data[field];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

/** A guard comparing an amount on the record (minor units) with the configured amount. */
function amountGuard(code: string, label: string, passes: (value: number, amount: number) => boolean, refusal: { words: string; reason: string }): GuardStepType<AmountConfig> {
  return {
    code,
    kind: 'guard',
    label,
    description: `Only when the record’s amount is ${label.toLowerCase().replace('amount ', '')} the given amount (minor units)`,
    configSchema: config,
    check({ config: { amount, field }, instance }) {
      const value = amountOf(instance.data, field);
      if (value !== null && passes(value, amount)) return { ok: true };
      return { ok: false, message: `The ${field} is ${refusal.words} ${amount}`, reason: refusal.reason };
    },
  };
}

/** Passes when the record's amount is above a threshold (e.g. returns over 200.00 need approval). */
export const amountAboveStep = amountGuard('core.amount_above', 'Amount above', (value, amount) => value > amount, { words: 'not above', reason: 'AMOUNT_NOT_ABOVE' });

/** Passes when the record's amount is at most a threshold. */
export const amountAtMostStep = amountGuard('core.amount_at_most', 'Amount at most', (value, amount) => value <= amount, { words: 'above', reason: 'AMOUNT_ABOVE' });
