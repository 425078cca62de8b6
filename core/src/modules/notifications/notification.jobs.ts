import { z } from 'zod';
import { defineJob } from '../../kernel/plugin.js';
import { MAX_SEND_ATTEMPTS, NotificationService, SEND_JOB } from './notification.service.js';

/** Sends one queued message; the message counts its own attempts (then it is marked failed). */
export const sendNotificationJob = defineJob({
  name: SEND_JOB,
  description: 'Sends one customer message through its channel’s provider',
  payload: z.object({ messageId: z.string() }),
  maxAttempts: MAX_SEND_ATTEMPTS + 1,
  backoffMs: 30_000,
  run: async (payload, ctx, scope) => {
    await scope.container.resolve(NotificationService).send(ctx, payload.messageId);
  },
});

export const notificationJobs = [sendNotificationJob];
