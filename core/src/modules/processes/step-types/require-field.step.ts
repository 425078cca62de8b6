import { z } from 'zod';
import type { GuardStepType } from '../../../kernel/process-contributions.js';

const config = z.object({
  field: z.string().min(1).max(64).describe('The name of the field, e.g. trackingNumber'),
  source: z.enum(['input', 'data']).default('input').describe('Whether the person taking the step must enter it (input) or the record must already have it (data)'),
  message: z.string().max(200).optional().describe('What to tell the person when it is missing'),
});

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** A field must be given with the transition (e.g. a tracking number) or already be on the record. */
export const requireFieldStep: GuardStepType<z.output<typeof config>> = {
  code: 'core.require_field',
  kind: 'guard',
  label: 'Require a field',
  description: 'The step needs a value, entered when taking it or already on the record (e.g. a tracking number)',
  configSchema: config,
  check({ config: { field, source, message }, input, instance }) {
    const value = source === 'input' ? input[field] : instance.data[field];
    if (present(value)) return { ok: true };
    return { ok: false, message: message ?? `Enter ${field} to do this`, reason: 'FIELD_REQUIRED', field: source === 'input' ? field : undefined };
  },
};
