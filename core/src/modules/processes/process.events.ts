import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

const instanceRef = {
  instanceId: z.string(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
};

/** An instance took a transition (any trigger), after all its steps ran. */
export const processTransitioned = defineEvent(
  'process.transitioned',
  z.object({
    ...instanceRef,
    transition: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    trigger: z.string(),
    ended: z.boolean(),
    outcome: z.enum(['completed', 'cancelled']).nullable(),
  }),
  'An order, fulfillment or return moved to another state of its process',
);

/** A transition failed: a guard refused it, or a step failed (and earlier steps were compensated). */
export const processFailed = defineEvent(
  'process.failed',
  z.object({
    ...instanceRef,
    transition: z.string(),
    state: z.string(),
    reason: z.string(),
    message: z.string(),
    compensated: z.array(z.string()),
  }),
  'A process transition was refused or failed; the record stays where it was',
);

/** The `core.notify_customer` step asks for a message to the customer (delivery plugins send it). */
export const processCustomerNotification = defineEvent(
  'process.customer_notification',
  z.object({
    ...instanceRef,
    platformId: z.string().nullable(),
    customerId: z.string().nullable(),
    template: z.string(),
    channel: z.string(),
    state: z.string(),
  }),
  'A process step asks for a message to the customer (e.g. “your order is ready for pickup”)',
);

/** A version of a process definition was published. */
export const processVersionPublished = defineEvent(
  'process.version_published',
  z.object({ definitionId: z.string(), versionId: z.string(), kind: z.string(), code: z.string(), number: z.number().int() }),
  'A new version of a process was published',
);

/** A platform (or the default) now runs another version for a kind and mode. */
export const processBound = defineEvent(
  'process.bound',
  z.object({ platformId: z.string().nullable(), kind: z.string(), mode: z.string(), versionId: z.string().nullable() }),
  'A platform’s process for a kind changed (null version: unbound, the default applies)',
);

export const processEvents = [processTransitioned, processFailed, processCustomerNotification, processVersionPublished, processBound];
