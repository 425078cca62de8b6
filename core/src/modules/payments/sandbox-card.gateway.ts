import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { inject, injectable } from 'tsyringe';
import { createCtx, type Ctx } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { PaymentTables as T } from './payment.migrations.js';

/** The sandbox's test cards (any other Luhn-valid number succeeds). */
export const SANDBOX_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  requiresAction: '4000002760003184',
} as const;

export type SandboxIntentStatus = 'requires_action' | 'requires_capture' | 'succeeded' | 'canceled' | 'failed';

export interface SandboxIntent {
  id: string;
  amount: number;
  currency: string;
  status: SandboxIntentStatus;
  captured: number;
  refunded: number;
  last4: string;
  declineCode: string | null;
}

/** What every sandbox call answers (stored per idempotency key and replayed). */
export interface SandboxResponse {
  ok: boolean;
  intent?: SandboxIntent;
  /** The operation id (refund id, capture id). */
  operationId?: string;
  error?: string;
}

/** The job that delivers one sandbox webhook to Plaza. */
export const SANDBOX_WEBHOOK_JOB = 'payments.sandbox_card_webhook';

export interface SandboxWebhookPayload {
  eventId: string;
  type: string;
  intentId: string;
  amount: number;
  currency: string;
  createdAt: number;
}

function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

interface IntentRow {
  id: string;
  amount: string | number;
  currency: string;
  status: SandboxIntentStatus;
  captured: string | number;
  refunded: string | number;
  last4: string;
  decline_code: string | null;
}

const toIntent = (r: IntentRow): SandboxIntent => ({
  id: r.id,
  amount: Number(r.amount),
  currency: r.currency,
  status: r.status,
  captured: Number(r.captured),
  refunded: Number(r.refunded),
  last4: r.last4,
  declineCode: r.decline_code,
});

/**
 * An in-process stand-in for a card gateway, with its own state (payment intents in its own
 * tables, committed independently of Plaza's transactions, like a remote service), idempotency
 * keys on every call, test card numbers, and asynchronous signed webhooks sent through the job
 * queue — each event delivered twice on purpose, and retried until Plaza answers 2xx.
 */
@injectable()
export class SandboxCardGateway {
  /** Send every webhook twice (a real gateway may); tests can turn it off. */
  duplicateWebhooks = true;

  constructor(
    @inject(Tokens.Database) private readonly db: Knex,
    @inject(Tokens.JobQueue) private readonly jobs: JobQueue,
    @inject(Tokens.Logger) private readonly logger: Logger,
  ) {}

  /** Creates (and, unless it needs action, authorizes or captures) a payment intent. */
  createIntent(db: Knex | Knex.Transaction, req: { amount: number; currency: string; cardNumber: string; capture: boolean; idempotencyKey: string }): Promise<SandboxResponse> {
    return this.once(db, req.idempotencyKey, 'create', async (trx) => {
      const number = req.cardNumber.replace(/[\s-]/g, '');
      if (!/^\d{12,19}$/.test(number) || !luhn(number)) return { ok: false, error: 'invalid_number' };
      const id = newId('pi');
      const declineCode = number === SANDBOX_CARDS.declined ? 'card_declined' : number === SANDBOX_CARDS.insufficientFunds ? 'insufficient_funds' : null;
      const status: SandboxIntentStatus = declineCode ? 'failed' : number === SANDBOX_CARDS.requiresAction ? 'requires_action' : req.capture ? 'succeeded' : 'requires_capture';
      const row = { id, amount: req.amount, currency: req.currency, status, captured: status === 'succeeded' ? req.amount : 0, refunded: 0, last4: number.slice(-4), decline_code: declineCode, created_at: Date.now() };
      await trx(T.sandboxIntent).insert(row);
      const intent = toIntent(row);
      if (status === 'requires_capture') await this.emit(trx, 'payment.authorized', intent, req.amount);
      if (status === 'succeeded') await this.emit(trx, 'payment.captured', intent, req.amount);
      if (status === 'failed') await this.emit(trx, 'payment.failed', intent, req.amount);
      return declineCode ? { ok: false, intent, error: declineCode } : { ok: true, intent };
    });
  }

  /** The customer completed the extra step. */
  confirmIntent(db: Knex | Knex.Transaction, req: { intentId: string; capture: boolean; idempotencyKey: string }): Promise<SandboxResponse> {
    return this.once(db, req.idempotencyKey, 'confirm', async (trx) => {
      const intent = await this.load(trx, req.intentId);
      if (!intent) return { ok: false, error: 'no_such_intent' };
      if (intent.status !== 'requires_action') return { ok: false, intent, error: 'intent_not_requiring_action' };
      const status = req.capture ? 'succeeded' : 'requires_capture';
      await trx(T.sandboxIntent).where({ id: intent.id }).update({ status, captured: req.capture ? intent.amount : 0 });
      const next = { ...intent, status, captured: req.capture ? intent.amount : 0 } as SandboxIntent;
      await this.emit(trx, req.capture ? 'payment.captured' : 'payment.authorized', next, intent.amount);
      return { ok: true, intent: next };
    });
  }

  capture(db: Knex | Knex.Transaction, req: { intentId: string; amount: number; idempotencyKey: string }): Promise<SandboxResponse> {
    return this.once(db, req.idempotencyKey, 'capture', async (trx) => {
      const intent = await this.load(trx, req.intentId);
      if (!intent) return { ok: false, error: 'no_such_intent' };
      if (intent.status !== 'requires_capture') return { ok: false, intent, error: 'intent_not_capturable' };
      if (req.amount > intent.amount) return { ok: false, intent, error: 'amount_too_large' };
      await trx(T.sandboxIntent).where({ id: intent.id }).update({ status: 'succeeded', captured: req.amount });
      const next: SandboxIntent = { ...intent, status: 'succeeded', captured: req.amount };
      await this.emit(trx, 'payment.captured', next, req.amount);
      return { ok: true, intent: next, operationId: newId('ch') };
    });
  }

  cancel(db: Knex | Knex.Transaction, req: { intentId: string; idempotencyKey: string }): Promise<SandboxResponse> {
    return this.once(db, req.idempotencyKey, 'cancel', async (trx) => {
      const intent = await this.load(trx, req.intentId);
      if (!intent) return { ok: false, error: 'no_such_intent' };
      if (intent.status !== 'requires_capture' && intent.status !== 'requires_action') return { ok: false, intent, error: 'intent_not_cancelable' };
      await trx(T.sandboxIntent).where({ id: intent.id }).update({ status: 'canceled' });
      const next: SandboxIntent = { ...intent, status: 'canceled' };
      await this.emit(trx, 'payment.canceled', next, intent.amount);
      return { ok: true, intent: next };
    });
  }

  refund(db: Knex | Knex.Transaction, req: { intentId: string; amount: number; idempotencyKey: string }): Promise<SandboxResponse> {
    return this.once(db, req.idempotencyKey, 'refund', async (trx) => {
      const intent = await this.load(trx, req.intentId);
      if (!intent) return { ok: false, error: 'no_such_intent' };
      const changed = await trx(T.sandboxIntent)
        .where({ id: intent.id, status: 'succeeded' })
        .andWhereRaw('captured - refunded >= ?', [req.amount])
        .update({ refunded: trx.raw('refunded + ?', [req.amount]) });
      if (changed === 0) return { ok: false, intent, error: 'refund_exceeds_captured' };
      const next: SandboxIntent = { ...intent, refunded: intent.refunded + req.amount };
      await this.emit(trx, 'charge.refunded', next, req.amount);
      return { ok: true, intent: next, operationId: newId('re') };
    });
  }

  /** The gateway's view of an intent (what its dashboard shows). */
  async intent(id: string): Promise<SandboxIntent | null> {
    return this.load(this.db, id);
  }

  private async load(db: Knex | Knex.Transaction, id: string): Promise<SandboxIntent | null> {
    const row = (await db(T.sandboxIntent).where({ id }).first()) as IntentRow | undefined;
    return row ? toIntent(row) : null;
  }

  /**
   * Runs an operation once per idempotency key; later calls replay the stored response. It
   * runs on `db`: the root handle (its own transaction, like a remote service), or — when the
   * caller is inside a transaction — a savepoint of it (SQLite has a single connection).
   */
  private async once(db: Knex | Knex.Transaction, key: string, operation: string, work: (trx: Knex.Transaction) => Promise<SandboxResponse>): Promise<SandboxResponse> {
    const replay = async (): Promise<SandboxResponse | null> => {
      const row = (await db(T.sandboxRequest).where({ idempotency_key: key }).first()) as { operation: string; response: string } | undefined;
      if (!row) return null;
      if (row.operation !== operation) return { ok: false, error: 'idempotency_key_reused' };
      return JSON.parse(row.response) as SandboxResponse;
    };
    const previous = await replay();
    if (previous) return previous;
    try {
      return await db.transaction(async (trx) => {
        const response = await work(trx);
        await trx(T.sandboxRequest).insert({ idempotency_key: key, operation, response: JSON.stringify(response), created_at: Date.now() });
        return response;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return (await replay()) ?? { ok: false, error: 'idempotency_conflict' };
    }
  }

  /** Queues the signed webhook (twice when duplicates are on), committed with the gateway's change. */
  private async emit(trx: Knex.Transaction, type: string, intent: SandboxIntent, amount: number): Promise<void> {
    const payload: SandboxWebhookPayload = { eventId: newId('evt'), type, intentId: intent.id, amount, currency: intent.currency, createdAt: Date.now() };
    const ctx: Ctx = createCtx({ db: trx, logger: this.logger });
    await this.jobs.enqueue(ctx, SANDBOX_WEBHOOK_JOB, payload, { maxAttempts: 8 });
    if (this.duplicateWebhooks) await this.jobs.enqueue(ctx, SANDBOX_WEBHOOK_JOB, payload, { maxAttempts: 8 });
  }
}
