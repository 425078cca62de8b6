import { PluginRouteTable } from '../../gateway/http-server.js';
import { signWebhookPayload, WEBHOOK_SIGNATURE_HEADER } from '../../events/webhook-signature.js';
import { createCtx } from '../../kernel/context.js';
import type { Ctx } from '../../kernel/context.js';
import { defineJob, type HttpRouteDefinition } from '../../kernel/plugin.js';
import { Tokens } from '../../kernel/tokens.js';
import type { PaymentConfig } from './payment.config.js';
import { PaymentProviders } from './payment-provider.js';
import { PaymentWebhookService } from './payment-webhook.service.js';
import { SANDBOX_WEBHOOK_JOB, type SandboxWebhookPayload } from './sandbox-card.gateway.js';
import { SANDBOX_CARD } from './sandbox-card.provider.js';

/** Where providers post webhooks: `/webhooks/payments/<provider code>`. */
export const PAYMENT_WEBHOOK_PREFIX = '/webhooks/payments/';

/**
 * `POST /webhooks/payments/<provider>`: the provider verifies the signature over the raw body
 * (bad → 400, nothing changes), then the event is applied once (duplicates → 200, no change).
 * An event about a payment Plaza has not recorded yet answers 409 so the sender retries.
 */
export const paymentWebhookRoute: HttpRouteDefinition<PaymentConfig> = {
  method: 'POST',
  path: `${PAYMENT_WEBHOOK_PREFIX}*`,
  maxBodyBytes: 256 * 1024,
  handler: async (req, scope) => {
    const provider = scope.container.resolve(PaymentProviders).get(req.rest);
    if (!provider?.handleWebhook) return { status: 404, body: { error: 'not_found', message: `No payment provider "${req.rest}" takes webhooks` } };
    const event = await provider.handleWebhook(req);
    if (!event) return { status: 400, body: { error: 'invalid_signature', message: 'The webhook signature is missing or wrong' } };
    const ctx = createCtx({ db: scope.container.resolve(Tokens.Database), logger: scope.logger, requestId: req.requestId, ip: req.ip });
    const outcome = await scope.container.resolve(PaymentWebhookService).applyWebhook(ctx, provider.code, event);
    if (outcome === 'unknown_payment') return { status: 409, body: { error: 'unknown_payment', message: 'No payment with this reference yet; retry later' } };
    return { status: 200, body: { received: true, outcome } };
  },
};

/** Delivers one sandbox webhook: over HTTP to `webhookUrl`, or in-process through the same route handler. */
export const sandboxWebhookJob = defineJob<PaymentConfig, SandboxWebhookPayload>({
  name: SANDBOX_WEBHOOK_JOB,
  description: 'The sandbox card gateway delivers a signed webhook to Plaza (retried until Plaza answers 2xx)',
  maxAttempts: 8,
  backoffMs: 500,
  run: async (payload, _ctx: Ctx, scope) => {
    const body = JSON.stringify(payload);
    const signature = signWebhookPayload(scope.config.sandboxCard.webhookSecret, body, Math.floor(Date.now() / 1000));
    const path = `${PAYMENT_WEBHOOK_PREFIX}${SANDBOX_CARD}`;
    if (scope.config.sandboxCard.webhookUrl) {
      const res = await fetch(scope.config.sandboxCard.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signature },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
      return;
    }
    const table = new PluginRouteTable(scope.container.resolve(Tokens.Plugins).httpRoutes);
    const hit = table.match('POST', path);
    if (!hit) throw new Error(`no route at ${path}`);
    const out = await hit.route.handler(
      {
        method: 'POST',
        path,
        rest: hit.rest,
        query: new URLSearchParams(),
        headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signature },
        rawBody: Buffer.from(body),
        requestId: `req_${payload.eventId}`,
        ip: null,
      },
      hit.scope,
    );
    if (out.status < 200 || out.status >= 300) throw new Error(`webhook answered ${out.status}`);
  },
});

