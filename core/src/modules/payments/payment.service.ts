import { inject, injectable } from 'tsyringe';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { inTransaction, isTransaction } from '../../db/transaction.js';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { PaymentProviders, type PaymentProvider } from './payment-provider.js';
import {
  authorizeInput,
  captureInput,
  confirmInput,
  refundInput,
  voidInput,
  type AuthorizeInput,
  type CaptureInput,
  type ConfirmInput,
  type RefundInput,
  type VoidInput,
} from './payment.inputs.js';
import { PaymentTables as T } from './payment.migrations.js';
import { PaymentPermission as P } from './payment.permissions.js';
import {
  toPayment,
  toTransaction,
  type Payment,
  type PaymentRow,
  type PaymentTransaction,
  type TransactionKind,
  type TransactionRow,
} from './payment.records.js';
import { PaymentTokens } from './payment.tokens.js';
import { PaymentStore } from './payment.store.js';

/** A payment after an operation, with the ledger row the operation wrote (null when none). */
export interface PaymentResult {
  payment: Payment;
  transaction: PaymentTransaction | null;
}


/**
 * Payments of orders and the ledger of every money movement. Providers are called outside
 * Plaza's transactions (when the caller is not in one) with the caller's idempotency key, then
 * the outcome is recorded in one transaction: the payment row moves with a conditional update
 * (so a webhook and a direct call never both apply a transition) and the ledger row is
 * inserted with its unique idempotency key (so a retry returns the first row).
 */
@injectable()
export class PaymentService {
  constructor(
    @inject(PaymentProviders) private readonly providers: PaymentProviders,
    @inject(PaymentStore) private readonly store: PaymentStore,
    @inject(PaymentTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /**
   * Authorizes (or, with `capture`, takes) a payment for an order. A declined card throws
   * BAD_USER_INPUT `PAYMENT_DECLINED` and leaves nothing behind. Calling again with the same
   * idempotency key returns the first payment.
   */
  async authorize(ctx: Ctx, raw: AuthorizeInput): Promise<PaymentResult> {
    const input = parseInput(authorizeInput, raw, 'payment', 'PAYMENT_INPUT_INVALID');
    const provider = this.provider(input.provider);
    this.guardWrite(ctx, input.platformId, provider.code === 'manual');
    const existing = await this.store.paymentByKey(ctx.db, input.idempotencyKey);
    if (existing) return this.replayAuthorize(ctx, existing, input.orderId, input.amount);
    if (!provider.methods.includes(input.method)) {
      throw errors.badInput(`Provider ${provider.code} does not take ${input.method} payments`, [{ path: 'method', message: `must be one of ${provider.methods.join(', ')}` }], 'METHOD_NOT_SUPPORTED');
    }
    const paymentId = newId('pay');
    const outcome = await provider.authorize(ctx, {
      paymentId,
      amount: input.amount,
      currency: input.currency,
      method: input.method,
      capture: input.capture ?? false,
      idempotencyKey: input.idempotencyKey,
      card: input.card,
    });
    if (outcome.status === 'declined') {
      throw new PlazaError('BAD_USER_INPUT', `The payment was declined (${outcome.declineCode ?? 'declined'})`, {
        reason: 'PAYMENT_DECLINED',
        fields: [{ path: 'card', message: outcome.declineCode ?? 'declined' }],
        details: { declineCode: outcome.declineCode ?? 'declined' },
      });
    }
    const now = Date.now();
    const row: PaymentRow = {
      id: paymentId,
      order_id: input.orderId,
      platform_id: input.platformId,
      customer_id: input.customerId ?? null,
      provider: provider.code,
      method: input.method,
      currency: input.currency,
      amount: input.amount,
      status: outcome.status,
      authorized_amount: outcome.status === 'requires_action' ? 0 : input.amount,
      captured_amount: outcome.status === 'captured' ? input.amount : 0,
      refunded_amount: 0,
      external_ref: outcome.externalRef ?? null,
      idempotency_key: input.idempotencyKey,
      decline_code: null,
      created_at: now,
      updated_at: now,
    };
    try {
      const result = await inTransaction(ctx, async (trx) => {
        await trx.db(T.payment).insert(row);
        const payment = toPayment(row);
        let transaction: PaymentTransaction | null = null;
        if (outcome.status !== 'requires_action') {
          const kind: TransactionKind = outcome.status === 'captured' ? 'capture' : 'authorization';
          transaction = await this.store.record(trx, payment, { kind, amount: input.amount, key: input.idempotencyKey, externalRef: outcome.externalRef ?? null });
        }
        if (provider.code === 'manual') await this.audited(trx, 'payment.record_manual', payment);
        return { payment, transaction };
      });
      if (outcome.nextAction) result.payment.nextAction = outcome.nextAction;
      return result;
    } catch (error) {
      if (isUniqueViolation(error) && !isTransaction(ctx.db)) {
        const again = await this.store.paymentByKey(ctx.db, input.idempotencyKey);
        if (again) return this.replayAuthorize(ctx, again, input.orderId, input.amount);
      }
      throw error;
    }
  }

  /** Completes a `requires_action` payment after the customer's extra step. */
  async confirm(ctx: Ctx, raw: ConfirmInput): Promise<PaymentResult> {
    const input = parseInput(confirmInput, raw, 'confirm payment', 'PAYMENT_INPUT_INVALID');
    const payment = await this.get(ctx, input.paymentId, false);
    this.guardWrite(ctx, payment.platformId, false);
    if (payment.status !== 'requires_action') return { payment, transaction: await this.store.lastOf(ctx.db, payment.id) };
    const provider = this.provider(payment.provider);
    if (!provider.confirm || !payment.externalRef) throw errors.conflict(`Provider ${provider.code} has no confirmation step`, 'CONFIRM_NOT_SUPPORTED');
    const key = input.idempotencyKey ?? `${payment.id}:confirm`;
    const outcome = await provider.confirm(ctx, { externalRef: payment.externalRef, idempotencyKey: key });
    if (outcome.status === 'requires_action') return { payment, transaction: null };
    return inTransaction(ctx, async (trx) => {
      if (outcome.status === 'declined') {
        await this.store.move(trx, payment.id, ['requires_action'], { status: 'failed', decline_code: outcome.declineCode ?? 'declined' });
        return { payment: await this.store.load(trx.db, payment.id), transaction: null };
      }
      const kind: TransactionKind = outcome.status === 'captured' ? 'capture' : 'authorization';
      const moved = await this.store.move(trx, payment.id, ['requires_action'], {
        status: outcome.status,
        authorized_amount: payment.amount,
        captured_amount: kind === 'capture' ? payment.amount : 0,
      });
      const current = await this.store.load(trx.db, payment.id);
      if (!moved) return { payment: current, transaction: await this.store.lastOf(trx.db, payment.id) };
      return { payment: current, transaction: await this.store.record(trx, current, { kind, amount: payment.amount, key, externalRef: payment.externalRef }) };
    });
  }

  /** Takes an authorized payment (all of it unless `amount` says less). */
  async capture(ctx: Ctx, raw: CaptureInput): Promise<PaymentResult> {
    const input = parseInput(captureInput, raw, 'capture', 'PAYMENT_INPUT_INVALID');
    const payment = await this.get(ctx, input.paymentId, false);
    this.guardWrite(ctx, payment.platformId, true);
    const prior = await this.store.transactionByKey(ctx.db, input.idempotencyKey);
    if (prior) return { payment: await this.store.load(ctx.db, payment.id), transaction: prior };
    if (payment.status !== 'authorized') throw errors.conflict(`Payment ${payment.id} is ${payment.status}, not authorized`, 'PAYMENT_NOT_CAPTURABLE');
    const amount = input.amount ?? payment.authorizedAmount;
    if (amount > payment.authorizedAmount) {
      throw errors.badInput('The capture exceeds the authorized amount', [{ path: 'amount', message: `must be at most ${payment.authorizedAmount}` }], 'CAPTURE_EXCEEDS_AUTHORIZED');
    }
    const op = await this.provider(payment.provider).capture(ctx, { externalRef: payment.externalRef ?? '', amount, currency: payment.currency, idempotencyKey: input.idempotencyKey });
    if (!op.ok) throw new PlazaError('CONFLICT', `The provider refused the capture (${op.declineCode ?? 'refused'})`, { reason: 'PROVIDER_REFUSED', details: { declineCode: op.declineCode ?? null } });
    return inTransaction(ctx, async (trx) => {
      const moved = await this.store.move(trx, payment.id, ['authorized'], { status: 'captured', captured_amount: amount });
      const current = await this.store.load(trx.db, payment.id);
      if (!moved) return { payment: current, transaction: await this.store.lastOf(trx.db, payment.id) };
      const transaction = await this.store.record(trx, current, { kind: 'capture', amount, key: input.idempotencyKey, externalRef: op.externalRef ?? payment.externalRef });
      await this.audited(trx, 'payment.capture', current, { amount });
      return { payment: current, transaction };
    });
  }

  /** Releases an authorization (or abandons a payment waiting for action) without taking money. */
  async void(ctx: Ctx, raw: VoidInput): Promise<PaymentResult> {
    const input = parseInput(voidInput, raw, 'void', 'PAYMENT_INPUT_INVALID');
    const payment = await this.get(ctx, input.paymentId, false);
    this.guardWrite(ctx, payment.platformId, true);
    const prior = await this.store.transactionByKey(ctx.db, input.idempotencyKey);
    if (prior) return { payment: await this.store.load(ctx.db, payment.id), transaction: prior };
    if (payment.status === 'voided') return { payment, transaction: await this.store.lastOf(ctx.db, payment.id) };
    if (payment.status !== 'authorized' && payment.status !== 'requires_action') {
      throw errors.conflict(`Payment ${payment.id} is ${payment.status}; only authorized payments can be voided (refund captured ones)`, 'PAYMENT_NOT_VOIDABLE');
    }
    const op = await this.provider(payment.provider).void(ctx, { externalRef: payment.externalRef ?? '', idempotencyKey: input.idempotencyKey });
    if (!op.ok) throw new PlazaError('CONFLICT', `The provider refused the void (${op.declineCode ?? 'refused'})`, { reason: 'PROVIDER_REFUSED', details: { declineCode: op.declineCode ?? null } });
    return inTransaction(ctx, async (trx) => {
      const moved = await this.store.move(trx, payment.id, ['authorized', 'requires_action'], { status: 'voided' });
      const current = await this.store.load(trx.db, payment.id);
      if (!moved || payment.authorizedAmount === 0) return { payment: current, transaction: null };
      const transaction = await this.store.record(trx, current, { kind: 'void', amount: payment.authorizedAmount, key: input.idempotencyKey, externalRef: op.externalRef ?? payment.externalRef });
      await this.audited(trx, 'payment.void', current, { amount: payment.authorizedAmount });
      return { payment: current, transaction };
    });
  }

  /**
   * Gives money back. Never more than captured minus already refunded: the amount is reserved
   * with a conditional update (a pending ledger row) before the provider is called, then the row
   * succeeds, or fails and the reservation is released.
   */
  async refund(ctx: Ctx, raw: RefundInput): Promise<PaymentResult> {
    const input = parseInput(refundInput, raw, 'refund', 'PAYMENT_INPUT_INVALID');
    const payment = await this.get(ctx, input.paymentId, false);
    this.guardWrite(ctx, payment.platformId, true);
    let pending = await this.store.transactionByKey(ctx.db, input.idempotencyKey);
    if (pending && pending.status !== 'pending') {
      if (pending.kind !== 'refund' || pending.paymentId !== payment.id) throw errors.conflict('This idempotency key was used for another operation', 'IDEMPOTENCY_KEY_REUSED');
      return { payment: await this.store.load(ctx.db, payment.id), transaction: pending };
    }
    if (!pending) {
      try {
        pending = await inTransaction(ctx, async (trx) => {
          const reserved = await trx
            .db(T.payment)
            .where({ id: payment.id })
            .whereIn('status', ['captured', 'partially_refunded'])
            .andWhereRaw('captured_amount - refunded_amount >= ?', [input.amount])
            .update({
              refunded_amount: trx.db.raw('refunded_amount + ?', [input.amount]),
              status: trx.db.raw(`case when refunded_amount + ? >= captured_amount then 'refunded' else 'partially_refunded' end`, [input.amount]),
              updated_at: Date.now(),
            });
          if (reserved === 0) {
            const current = await this.store.load(trx.db, payment.id);
            throw errors.badInput(
              `The refund exceeds what is left to refund (${current.capturedAmount - current.refundedAmount})`,
              [{ path: 'amount', message: `must be at most ${Math.max(0, current.capturedAmount - current.refundedAmount)}` }],
              'REFUND_EXCEEDS_CAPTURED',
            );
          }
          return this.store.record(trx, payment, { kind: 'refund', amount: input.amount, key: input.idempotencyKey, externalRef: null, status: 'pending', reason: input.reason ?? null, publish: false });
        });
      } catch (error) {
        if (isUniqueViolation(error) && !isTransaction(ctx.db)) return this.refund(ctx, raw);
        throw error;
      }
    }
    const refund = pending;
    const op = await this.provider(payment.provider).refund(ctx, { externalRef: payment.externalRef ?? '', amount: refund.amount, currency: payment.currency, idempotencyKey: input.idempotencyKey });
    const result = await inTransaction(ctx, async (trx): Promise<PaymentResult | null> => {
      if (!op.ok) {
        const failed = await trx.db(T.transaction).where({ id: refund.id, status: 'pending' }).update({ status: 'failed' });
        if (failed > 0) {
          await trx
            .db(T.payment)
            .where({ id: payment.id })
            .update({
              refunded_amount: trx.db.raw('refunded_amount - ?', [refund.amount]),
              status: trx.db.raw(`case when refunded_amount - ? <= 0 then 'captured' else 'partially_refunded' end`, [refund.amount]),
              updated_at: Date.now(),
            });
        }
        return null;
      }
      const done = await trx.db(T.transaction).where({ id: refund.id, status: 'pending' }).update({ status: 'succeeded', external_ref: op.externalRef ?? null });
      const current = await this.store.load(trx.db, payment.id);
      const transaction = toTransaction((await trx.db(T.transaction).where({ id: refund.id }).first()) as TransactionRow);
      if (done > 0) {
        await this.store.publish(trx, transaction, { reason: transaction.reason });
        await this.audited(trx, 'payment.refund', current, { amount: refund.amount });
      }
      return { payment: current, transaction };
    });
    // The released reservation is committed before the refusal is reported.
    if (!result) throw new PlazaError('CONFLICT', `The provider refused the refund (${op.declineCode ?? 'refused'})`, { reason: 'PROVIDER_REFUSED', details: { declineCode: op.declineCode ?? null } });
    return result;
  }

  /** Every payment of an order (split tenders are several), oldest first. */
  async paymentsOf(ctx: Ctx, orderId: string): Promise<Payment[]> {
    const rows = (await ctx.db(T.payment).where({ order_id: orderId }).orderBy('id')) as PaymentRow[];
    const payments = rows.map(toPayment);
    if (ctx.api === 'admin') for (const p of payments) requirePermission(ctx, P.Read, { platformId: p.platformId });
    return payments;
  }

  /** The payments of several orders at once (a DataLoader's batch), oldest first per order; no permission check. */
  async paymentsOfOrders(ctx: Ctx, orderIds: readonly string[]): Promise<Map<string, Payment[]>> {
    const byOrder = new Map<string, Payment[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const rows = (await ctx.db(T.payment).whereIn('order_id', [...new Set(orderIds)]).orderBy('id')) as PaymentRow[];
    for (const row of rows) byOrder.get(row.order_id)?.push(toPayment(row));
    return byOrder;
  }

  /** One payment (admin reads need `payments.read` on its platform). */
  async get(ctx: Ctx, id: string, checkRead = true): Promise<Payment> {
    const row = (await ctx.db(T.payment).where({ id }).first()) as PaymentRow | undefined;
    if (!row) throw errors.notFound('Payment', id);
    if (checkRead) requirePermission(ctx, P.Read, { platformId: row.platform_id });
    return toPayment(row);
  }

  /** The ledger rows of one payment, oldest first. */
  async transactionsOf(ctx: Ctx, paymentId: string): Promise<PaymentTransaction[]> {
    const rows = (await ctx.db(T.transaction).where({ payment_id: paymentId }).orderBy('id')) as TransactionRow[];
    return rows.map(toTransaction);
  }

  /** The provider by code; BAD_USER_INPUT when unknown. */
  provider(code: string): PaymentProvider {
    const provider = this.providers.get(code);
    if (!provider) throw errors.badInput(`No payment provider "${code}"`, [{ path: 'provider', message: `must be one of ${this.providers.list().map((p) => p.code).join(', ')}` }], 'PROVIDER_UNKNOWN');
    return provider;
  }

  // Staff and integrations need payments.manage (on the platform) to move money; customers may
  // pay (authorize/confirm with a non-manual provider) — the orders module decides which order.
  private guardWrite(ctx: Ctx, platformId: string, staffOnly: boolean): void {
    const kind = ctx.actor?.kind;
    if (kind === 'system') return;
    if (kind === 'customer' || (ctx.api === 'channel' && kind === undefined)) {
      if (staffOnly) throw errors.forbidden('Only staff can do this with payments', 'PAYMENTS_STAFF_ONLY');
      return;
    }
    requirePermission(ctx, P.Manage, { platformId });
  }

  private async replayAuthorize(ctx: Ctx, payment: Payment, orderId: string, amount: number): Promise<PaymentResult> {
    if (payment.orderId !== orderId || payment.amount !== amount) {
      throw errors.conflict('This idempotency key was used for another payment', 'IDEMPOTENCY_KEY_REUSED');
    }
    const first = (await ctx.db(T.transaction).where({ payment_id: payment.id }).orderBy('id').first()) as TransactionRow | undefined;
    return { payment, transaction: first ? toTransaction(first) : null };
  }

  private async audited(ctx: Ctx, action: string, payment: Payment, after: Record<string, unknown> = {}): Promise<void> {
    if (ctx.actor?.kind !== 'staff' && ctx.actor?.kind !== 'integration') return;
    await this.audit.record(ctx, {
      action,
      entityType: 'payment',
      entityId: payment.id,
      platformId: payment.platformId,
      after: { status: payment.status, method: payment.method, provider: payment.provider, currency: payment.currency, ...after },
    });
  }
}
