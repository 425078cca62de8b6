import type { Knex } from 'knex';
import { inject, injectable } from 'tsyringe';
import type { EventBus } from '../../events/event-bus.js';
import type { Ctx } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import { eventOfKind } from './payment.events.js';
import { PaymentTables as T } from './payment.migrations.js';
import { toPayment, toTransaction, utcDay, type Payment, type PaymentRow, type PaymentTransaction, type TransactionKind, type TransactionRow } from './payment.records.js';

/**
 * Payment rows and the ledger: reads by idempotency key, the conditional status move that
 * makes a webhook and a direct call never both apply a transition, and the ledger insert with
 * its event. Used by {@link PaymentService} and the webhook handler.
 */
@injectable()
export class PaymentStore {
  constructor(@inject(Tokens.EventBus) private readonly events: EventBus) {}

  async paymentByKey(db: Knex | Knex.Transaction, key: string): Promise<Payment | null> {
    const row = (await db(T.payment).where({ idempotency_key: key }).first()) as PaymentRow | undefined;
    return row ? toPayment(row) : null;
  }

  async transactionByKey(db: Knex | Knex.Transaction, key: string): Promise<PaymentTransaction | null> {
    const row = (await db(T.transaction).where({ idempotency_key: key }).first()) as TransactionRow | undefined;
    return row ? toTransaction(row) : null;
  }

  async lastOf(db: Knex | Knex.Transaction, paymentId: string): Promise<PaymentTransaction | null> {
    const row = (await db(T.transaction).where({ payment_id: paymentId }).orderBy('id', 'desc').first()) as TransactionRow | undefined;
    return row ? toTransaction(row) : null;
  }

  async load(db: Knex | Knex.Transaction, id: string): Promise<Payment> {
    return toPayment((await db(T.payment).where({ id }).first()) as PaymentRow);
  }

  /** Moves a payment from one of `from` (conditional update); false when another writer moved it first. */
  async move(ctx: Ctx, id: string, from: string[], changes: Record<string, unknown>): Promise<boolean> {
    const changed = await ctx.db(T.payment).where({ id }).whereIn('status', from).update({ ...changes, updated_at: Date.now() });
    return changed > 0;
  }

  /** Inserts a ledger row (and publishes its event unless pending). */
  async record(
    ctx: Ctx,
    payment: Payment,
    row: { kind: TransactionKind; amount: number; key: string; externalRef: string | null; status?: 'pending' | 'succeeded'; reason?: string | null; publish?: boolean },
  ): Promise<PaymentTransaction> {
    const now = Date.now();
    const record: TransactionRow = {
      id: newId('ptx'),
      payment_id: payment.id,
      platform_id: payment.platformId,
      order_id: payment.orderId,
      customer_id: payment.customerId,
      method: payment.method,
      provider: payment.provider,
      kind: row.kind,
      amount: row.amount,
      currency: payment.currency,
      status: row.status ?? 'succeeded',
      external_ref: row.externalRef,
      idempotency_key: row.key,
      reason: row.reason ?? null,
      day: utcDay(now),
      created_at: now,
    };
    await ctx.db(T.transaction).insert(record);
    const transaction = toTransaction(record);
    if (row.publish !== false && transaction.status === 'succeeded') await this.publish(ctx, transaction);
    return transaction;
  }

  async publish(ctx: Ctx, t: PaymentTransaction, extra: Record<string, unknown> = {}): Promise<void> {
    await this.events.publish(
      ctx,
      eventOfKind[t.kind],
      {
        paymentId: t.paymentId,
        transactionId: t.id,
        orderId: t.orderId,
        platformId: t.platformId,
        customerId: t.customerId,
        provider: t.provider,
        method: t.method,
        amount: t.amount,
        currency: t.currency,
        ...extra,
      },
      { platformId: t.platformId },
    );
  }
}
