import { z } from 'zod';
import type { ActionStepType } from '../../../kernel/process-contributions.js';
import { Tokens } from '../../../kernel/tokens.js';

const config = z.object({
  template: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'must be a template code like "order.ready_for_pickup"').describe('Which message to send'),
  channel: z.enum(['default', 'email', 'sms', 'whatsapp', 'push']).default('default').describe('How to reach the customer (default: their preferred channel)'),
});

/**
 * Asks for a message to the customer: publishes `process.customer_notification` in the
 * transition's transaction (so exactly when the transition happens); delivery plugins send it.
 */
export const notifyCustomerStep: ActionStepType<z.output<typeof config>> = {
  code: 'core.notify_customer',
  kind: 'action',
  execution: 'transaction',
  label: 'Notify the customer',
  description: 'Sends the customer a message (e.g. “your order is ready for pickup”) through their preferred channel',
  configSchema: config,
  async run({ ctx, config: { template, channel }, instance, transition, scope }) {
    await scope.container.resolve(Tokens.EventBus).publish(
      ctx,
      'process.customer_notification',
      { instanceId: instance.id, kind: instance.kind, subjectType: instance.subjectType, subjectId: instance.subjectId, platformId: instance.platformId, customerId: instance.customerId, template, channel, state: transition.to },
      { platformId: instance.platformId },
    );
  },
};
