import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '../../events/webhook-signature.js';
import type { PluginHttpRequest } from '../../kernel/plugin.js';
import type { PaymentProvider, ProviderOperation, ProviderOutcome, ProviderWebhookEvent } from './payment-provider.js';
import type { SandboxCardGateway, SandboxResponse, SandboxWebhookPayload } from './sandbox-card.gateway.js';

/** The provider code of the sandbox card gateway (its webhook route: `/webhooks/payments/sandbox-card`). */
export const SANDBOX_CARD = 'sandbox-card';

const operation = (r: SandboxResponse): ProviderOperation => (r.ok ? { ok: true, externalRef: r.operationId } : { ok: false, declineCode: r.error });

function outcome(r: SandboxResponse): ProviderOutcome {
  if (!r.ok || !r.intent) return { status: 'declined', declineCode: r.error ?? 'declined', externalRef: r.intent?.id };
  switch (r.intent.status) {
    case 'requires_action':
      return { status: 'requires_action', externalRef: r.intent.id, nextAction: { type: 'confirm', intentId: r.intent.id } };
    case 'requires_capture':
      return { status: 'authorized', externalRef: r.intent.id };
    case 'succeeded':
      return { status: 'captured', externalRef: r.intent.id };
    default:
      return { status: 'declined', declineCode: r.intent.declineCode ?? r.intent.status, externalRef: r.intent.id };
  }
}

/** The sandbox card provider: Plaza's side of the sandbox gateway. */
export function sandboxCardProvider(gatewayOf: () => SandboxCardGateway, webhookSecret: string): PaymentProvider {
  let resolved: SandboxCardGateway | undefined;
  // Resolved on first use: the job queue it sends webhooks through exists once Plaza booted.
  const gateway = (): SandboxCardGateway => (resolved ??= gatewayOf());
  return {
    code: SANDBOX_CARD,
    label: 'Sandbox card (test cards, no real money)',
    methods: ['card'],
    authorize: async (ctx, req) =>
      outcome(
        await gateway().createIntent(ctx.db, {
          amount: req.amount,
          currency: req.currency,
          cardNumber: req.card?.number ?? req.card?.token ?? '',
          capture: req.capture,
          idempotencyKey: req.idempotencyKey,
        }),
      ),
    confirm: async (ctx, req) => outcome(await gateway().confirmIntent(ctx.db, { intentId: req.externalRef, capture: false, idempotencyKey: req.idempotencyKey })),
    capture: async (ctx, req) => operation(await gateway().capture(ctx.db, { intentId: req.externalRef, amount: req.amount, idempotencyKey: req.idempotencyKey })),
    void: async (ctx, req) => operation(await gateway().cancel(ctx.db, { intentId: req.externalRef, idempotencyKey: req.idempotencyKey })),
    refund: async (ctx, req) => operation(await gateway().refund(ctx.db, { intentId: req.externalRef, amount: req.amount, idempotencyKey: req.idempotencyKey })),
    handleWebhook: async (req: PluginHttpRequest): Promise<ProviderWebhookEvent | null> => {
      const header = req.headers[WEBHOOK_SIGNATURE_HEADER];
      if (typeof header !== 'string' || !verifyWebhookSignature(webhookSecret, header, req.rawBody)) return null;
      let body: SandboxWebhookPayload;
      try {
        body = JSON.parse(req.rawBody.toString('utf8')) as SandboxWebhookPayload;
      } catch {
        return null;
      }
      if (typeof body.eventId !== 'string' || typeof body.type !== 'string' || typeof body.intentId !== 'string') return null;
      return { eventId: body.eventId, type: body.type, externalRef: body.intentId, amount: body.amount };
    },
  };
}
