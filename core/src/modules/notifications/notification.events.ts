import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

// Ids and codes only: no address, no token, no content.
const message = {
  messageId: z.string(),
  customerId: z.string().nullable(),
  platformId: z.string().nullable(),
  template: z.string(),
  channel: z.string(),
  locale: z.string(),
};

export const notificationSent = defineEvent('notification.sent', z.object({ ...message, provider: z.string() }), 'A message was sent to a customer', {
  customerActivity: (p) =>
    p.customerId
      ? { customerId: p.customerId, platformId: p.platformId, kind: 'notification.sent', summary: `Sent “${p.template}” by ${p.channel} (${p.locale})`, reference: { type: 'notification_message', id: p.messageId } }
      : null,
});

export const notificationFailed = defineEvent('notification.failed', z.object({ ...message, reason: z.string() }), 'A message to a customer could not be sent', {
  customerActivity: (p) =>
    p.customerId
      ? { customerId: p.customerId, platformId: p.platformId, kind: 'notification.failed', summary: `Could not send “${p.template}” by ${p.channel} (${p.reason})`, reference: { type: 'notification_message', id: p.messageId } }
      : null,
});

export const notificationEvents = [notificationSent, notificationFailed];
