import { inject, injectable } from 'tsyringe';
import { inTransaction, isTransaction } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { Ctx } from '../../kernel/context.js';
import type { ProviderWebhookEvent } from './payment-provider.js';
import { PaymentTables as T } from './payment.migrations.js';
import { toPayment, type PaymentRow } from './payment.records.js';
import { PaymentStore } from './payment.store.js';

/** What a webhook did: applied a transition, was a duplicate/replay, ignored, or names an unknown payment. */
export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored' | 'unknown_payment';

/**
 * Applies verified provider webhooks to payments, once: the event row (unique per provider
 * and event id) is written first, so replays and concurrent duplicates change nothing.
 */
@injectable()
export class PaymentWebhookService {
  constructor(@inject(PaymentStore) private readonly store: PaymentStore) {}

  /** Applies a verified provider webhook once; replays and duplicates change nothing. */
  async applyWebhook(ctx: Ctx, providerCode: string, event: ProviderWebhookEvent): Promise<WebhookOutcome> {
    const seen = await ctx.db(T.webhookEvent).where({ provider: providerCode, event_id: event.eventId }).first();
    if (seen) return 'duplicate';
    const row = (await ctx.db(T.payment).where({ provider: providerCode, external_ref: event.externalRef }).first()) as PaymentRow | undefined;
    const handled = ['payment.authorized', 'payment.captured', 'payment.canceled'];
    // The payment may not be recorded yet (the gateway answered, Plaza is committing): ask for a retry.
    if (!row && handled.includes(event.type)) return 'unknown_payment';
    try {
      return await inTransaction(ctx, async (trx) => {
        // The event row first: a concurrent duplicate fails here, before touching the payment.
        await trx.db(T.webhookEvent).insert({
          provider: providerCode,
          event_id: event.eventId,
          type: event.type.slice(0, 64),
          external_ref: event.externalRef.slice(0, 128),
          outcome: 'ignored',
          received_at: Date.now(),
        });
        let outcome: WebhookOutcome = 'ignored';
        if (row) {
          const payment = toPayment(row);
          const key = `webhook:${providerCode}:${event.eventId}`;
          const amount = event.amount ?? payment.amount;
          if (event.type === 'payment.authorized' && (await this.store.move(trx, payment.id, ['requires_action'], { status: 'authorized', authorized_amount: payment.amount }))) {
            await this.store.record(trx, await this.store.load(trx.db, payment.id), { kind: 'authorization', amount: payment.amount, key, externalRef: payment.externalRef });
            outcome = 'applied';
          } else if (
            event.type === 'payment.captured' &&
            (await this.store.move(trx, payment.id, ['requires_action', 'authorized'], { status: 'captured', authorized_amount: Math.max(payment.authorizedAmount, amount), captured_amount: amount }))
          ) {
            await this.store.record(trx, await this.store.load(trx.db, payment.id), { kind: 'capture', amount, key, externalRef: payment.externalRef });
            outcome = 'applied';
          } else if (event.type === 'payment.failed' && (await this.store.move(trx, payment.id, ['requires_action'], { status: 'failed', decline_code: 'failed' }))) {
            outcome = 'applied';
          } else if (event.type === 'payment.canceled' && (await this.store.move(trx, payment.id, ['requires_action', 'authorized'], { status: 'voided' }))) {
            if (payment.authorizedAmount > 0) await this.store.record(trx, await this.store.load(trx.db, payment.id), { kind: 'void', amount: payment.authorizedAmount, key, externalRef: payment.externalRef });
            outcome = 'applied';
          }
        }
        if (outcome !== 'ignored') await trx.db(T.webhookEvent).where({ provider: providerCode, event_id: event.eventId }).update({ outcome });
        return outcome;
      });
    } catch (error) {
      if (isUniqueViolation(error) && !isTransaction(ctx.db)) return 'duplicate';
      throw error;
    }
  }
}
