import { z } from 'zod';

/** Options of the payments module (`plugins: [{ plugin: paymentsModule, options }]` or the core config). */
export const paymentConfigSchema = z.object({
  sandboxCard: z
    .object({
      enabled: z.boolean().default(true).describe('Offer the sandbox card gateway (test cards, no real money)'),
      webhookSecret: z
        .string()
        .min(16)
        .default('whsec_sandbox_card_development_only')
        .describe('Secret the sandbox signs its webhooks with (HMAC-SHA256 over "<timestamp>.<body>")'),
      webhookUrl: z
        .string()
        .url()
        .optional()
        .describe('Where the sandbox posts its webhooks; unset: delivered in-process through the same route handler'),
      duplicateWebhooks: z.boolean().default(true).describe('Deliver every webhook twice, as real gateways sometimes do'),
    })
    .prefault({}),
});

export type PaymentConfig = z.output<typeof paymentConfigSchema>;
