import type { Ctx } from '../../kernel/context.js';
import type { PluginHttpRequest } from '../../kernel/plugin.js';

/** How the customer paid; the ledger and the report group by it. */
export const PAYMENT_METHODS = ['card', 'cash', 'terminal', 'bank_transfer', 'gift_card', 'store_credit', 'wallet', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Card details for providers that take them (only the sandbox does in-process; real ones take a token). */
export interface CardInput {
  number?: string;
  /** A provider's payment-method token (what a real front end sends instead of the number). */
  token?: string;
  expMonth?: number;
  expYear?: number;
  cvc?: string;
}

/**
 * What a provider reports about an authorization or confirmation:
 * - `authorized`: money held, capture later; `captured`: money taken;
 * - `requires_action`: the customer must confirm (3-D Secure…), then `confirm`;
 * - `declined`: refused (`declineCode` says why); nothing is held.
 */
export interface ProviderOutcome {
  status: 'authorized' | 'captured' | 'requires_action' | 'declined';
  /** The provider's id of the payment (intent, charge…). Required unless declined. */
  externalRef?: string;
  declineCode?: string;
  /** What the front end needs for the extra step (a redirect URL, a client secret…). */
  nextAction?: Record<string, unknown>;
}

/** The provider's answer to capture, void and refund: its operation id. */
export interface ProviderOperation {
  ok: boolean;
  externalRef?: string;
  declineCode?: string;
}

/** A webhook event after the provider verified its signature and parsed it. */
export interface ProviderWebhookEvent {
  /** The provider's unique event id (replays and duplicates carry the same id). */
  eventId: string;
  /** `payment.authorized`, `payment.captured`, `payment.failed`, or anything else (recorded, ignored). */
  type: string;
  /** The provider's payment id (`externalRef` of the payment). */
  externalRef: string;
  amount?: number;
}

/**
 * A payment provider. Every call carries an idempotency key: calling twice with the same key
 * must return the same result and move money once (Plaza retries with the same key).
 * Plaza calls providers outside its database transactions and records the outcome afterwards.
 */
export interface PaymentProvider {
  /** Unique code, e.g. `sandbox-card`; the webhook route is `/webhooks/payments/<code>`. */
  code: string;
  label: string;
  /** The methods it takes; `authorize` refuses others. */
  methods: readonly PaymentMethod[];
  authorize(
    ctx: Ctx,
    request: { paymentId: string; amount: number; currency: string; method: PaymentMethod; capture: boolean; idempotencyKey: string; card?: CardInput },
  ): Promise<ProviderOutcome>;
  /** Completes a `requires_action` payment. */
  confirm?(ctx: Ctx, request: { externalRef: string; idempotencyKey: string }): Promise<ProviderOutcome>;
  capture(ctx: Ctx, request: { externalRef: string; amount: number; currency: string; idempotencyKey: string }): Promise<ProviderOperation>;
  void(ctx: Ctx, request: { externalRef: string; idempotencyKey: string }): Promise<ProviderOperation>;
  refund(ctx: Ctx, request: { externalRef: string; amount: number; currency: string; idempotencyKey: string }): Promise<ProviderOperation>;
  /**
   * Verifies the signature of a webhook request (over `req.rawBody`) and parses it. Returns
   * null when the signature is missing or wrong: Plaza answers 400 and changes nothing.
   */
  handleWebhook?(req: PluginHttpRequest): Promise<ProviderWebhookEvent | null>;
}

/**
 * The providers Plaza knows. Plugins add theirs in `register` (declare
 * `requires: ['core.payments']`): `scope.container.resolve(PaymentProviders).register(provider)`.
 */
export class PaymentProviders {
  private readonly byCode = new Map<string, PaymentProvider>();

  register(provider: PaymentProvider): void {
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(provider.code)) throw new Error(`payment provider code "${provider.code}" must be a short lowercase code like "sandbox-card"`);
    if (this.byCode.has(provider.code)) throw new Error(`payment provider "${provider.code}" is registered twice`);
    this.byCode.set(provider.code, provider);
  }

  get(code: string): PaymentProvider | undefined {
    return this.byCode.get(code);
  }

  list(): PaymentProvider[] {
    return [...this.byCode.values()];
  }
}
