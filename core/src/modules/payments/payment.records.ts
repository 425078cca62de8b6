import type { PaymentMethod } from './payment-provider.js';

export type PaymentStatus = 'requires_action' | 'authorized' | 'captured' | 'partially_refunded' | 'refunded' | 'voided' | 'failed';
export type TransactionKind = 'authorization' | 'capture' | 'refund' | 'void';
export type TransactionStatus = 'pending' | 'succeeded' | 'failed';

/** A payment of an order (one tender; an order may have several). */
export interface Payment {
  id: string;
  orderId: string;
  platformId: string;
  customerId: string | null;
  provider: string;
  method: PaymentMethod;
  currency: string;
  amount: number;
  status: PaymentStatus;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
  externalRef: string | null;
  declineCode: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** What the front end needs for a `requires_action` payment (not stored). */
  nextAction?: Record<string, unknown> | null;
}

/** One money movement in the ledger. */
export interface PaymentTransaction {
  id: string;
  paymentId: string;
  platformId: string;
  orderId: string;
  customerId: string | null;
  method: PaymentMethod;
  provider: string;
  kind: TransactionKind;
  amount: number;
  currency: string;
  status: TransactionStatus;
  externalRef: string | null;
  idempotencyKey: string;
  reason: string | null;
  createdAt: Date;
}

export interface PaymentRow {
  id: string;
  order_id: string;
  platform_id: string;
  customer_id: string | null;
  provider: string;
  method: string;
  currency: string;
  amount: string | number;
  status: string;
  authorized_amount: string | number;
  captured_amount: string | number;
  refunded_amount: string | number;
  external_ref: string | null;
  idempotency_key: string;
  decline_code: string | null;
  created_at: string | number;
  updated_at: string | number;
}

export interface TransactionRow {
  id: string;
  payment_id: string;
  platform_id: string;
  order_id: string;
  customer_id: string | null;
  method: string;
  provider: string;
  kind: string;
  amount: string | number;
  currency: string;
  status: string;
  external_ref: string | null;
  idempotency_key: string;
  reason: string | null;
  day: string;
  created_at: string | number;
}

export const toPayment = (r: PaymentRow): Payment => ({
  id: r.id,
  orderId: r.order_id,
  platformId: r.platform_id,
  customerId: r.customer_id,
  provider: r.provider,
  method: r.method as PaymentMethod,
  currency: r.currency,
  amount: Number(r.amount),
  status: r.status as PaymentStatus,
  authorizedAmount: Number(r.authorized_amount),
  capturedAmount: Number(r.captured_amount),
  refundedAmount: Number(r.refunded_amount),
  externalRef: r.external_ref,
  declineCode: r.decline_code,
  createdAt: new Date(Number(r.created_at)),
  updatedAt: new Date(Number(r.updated_at)),
});

export const toTransaction = (r: TransactionRow): PaymentTransaction => ({
  id: r.id,
  paymentId: r.payment_id,
  platformId: r.platform_id,
  orderId: r.order_id,
  customerId: r.customer_id,
  method: r.method as PaymentMethod,
  provider: r.provider,
  kind: r.kind as TransactionKind,
  amount: Number(r.amount),
  currency: r.currency,
  status: r.status as TransactionStatus,
  externalRef: r.external_ref,
  idempotencyKey: r.idempotency_key,
  reason: r.reason,
  createdAt: new Date(Number(r.created_at)),
});

/** The UTC day of an epoch-ms timestamp, `YYYY-MM-DD`. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
