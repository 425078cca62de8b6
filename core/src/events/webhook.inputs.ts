import { z } from 'zod';
import { errors } from '../kernel/errors.js';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const url = z.string().trim().max(2048, 'must be at most 2048 characters').refine(isHttpUrl, 'must be an http:// or https:// URL');
const events = z
  .array(z.string().trim().min(1, 'must not be empty'))
  .min(1, 'list at least one event name, or "*" for every event')
  .max(200, 'list at most 200 events');
const description = z.string().trim().max(500, 'must be at most 500 characters').nullish();

/** Input of `WebhookService.create`. */
export const createWebhookInput = z.object({ url, events, description, active: z.boolean().optional() });
/** Input of `WebhookService.create`. */
export type CreateWebhookInput = z.input<typeof createWebhookInput>;

/** Input of `WebhookService.update`: only the fields given change. */
export const updateWebhookInput = z.object({
  id: z.string().min(1),
  url: url.optional(),
  events: events.optional(),
  description,
  active: z.boolean().optional(),
});
/** Input of `WebhookService.update`. */
export type UpdateWebhookInput = z.input<typeof updateWebhookInput>;

/** Parses a service input; BAD_USER_INPUT listing every field problem when it does not fit. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ path: issue.path.join('.') || 'input', message: issue.message }));
  throw errors.badInput(fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields, 'WEBHOOK_INPUT_INVALID');
}
