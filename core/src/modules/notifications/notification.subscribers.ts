import { fromJson } from '../../db/json-column.js';
import type { Ctx } from '../../kernel/context.js';
import type { DomainEvent, SubscriberHandler } from '../../kernel/plugin.js';
import { ProcessTables } from '../processes/process.migrations.js';
import { NotificationService } from './notification.service.js';
import type { TemplateVariables } from './template-render.js';

interface AccountDelivery {
  customerId: string;
  platformId: string | null;
  email: string;
  token: string;
  expiresAt: string;
}

interface ProcessNotification {
  instanceId: string;
  subjectId: string;
  platformId: string | null;
  customerId: string | null;
  template: string;
  channel: string;
}

/** Facts of a process instance's `data` that templates may show (nothing else is copied). */
const INSTANCE_VARIABLES = ['reference', 'orderNumber', 'number', 'pickupCode', 'qrImageUrl', 'locationName', 'trackingNumber', 'trackingUrl', 'amount'] as const;

function formatExpiry(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function accountMessage(template: string): SubscriberHandler {
  return async (event: DomainEvent, ctx: Ctx, scope) => {
    const p = event.payload as AccountDelivery;
    await scope.container.resolve(NotificationService).request(ctx, {
      eventId: event.id,
      template,
      customerId: p.customerId,
      platformId: p.platformId,
      channel: 'email',
      to: p.email,
      variables: { token: p.token, expiresAt: formatExpiry(p.expiresAt) },
    });
  };
}

async function instanceVariables(ctx: Ctx, instanceId: string, subjectId: string): Promise<TemplateVariables> {
  const row = (await ctx.db(ProcessTables.instance).where('id', instanceId).first('data')) as { data: unknown } | undefined;
  const data = row ? (fromJson<Record<string, unknown>>(row.data) ?? {}) : {};
  const variables: TemplateVariables = {};
  for (const key of INSTANCE_VARIABLES) {
    const value = data[key];
    if (typeof value === 'string' || typeof value === 'number') variables[key] = value;
  }
  variables.reference = variables.reference ?? variables.orderNumber ?? variables.number ?? subjectId;
  return variables;
}

/**
 * The events the core's messages come from: the customers module's account deliveries and the
 * processes module's `core.notify_customer` step. Other modules subscribe to their own events
 * the same way and call {@link NotificationService.request} (see docs/notifications.md).
 */
export const notificationSubscribers: Record<string, SubscriberHandler> = {
  'customer.email_verification_requested': accountMessage('account.email_verification'),
  'customer.password_reset_requested': accountMessage('account.password_reset'),
  'process.customer_notification': async (event, ctx, scope) => {
    const p = event.payload as ProcessNotification;
    await scope.container.resolve(NotificationService).request(ctx, {
      eventId: event.id,
      template: p.template,
      customerId: p.customerId,
      platformId: p.platformId,
      channel: p.channel,
      variables: await instanceVariables(ctx, p.instanceId, p.subjectId),
    });
  },
};
