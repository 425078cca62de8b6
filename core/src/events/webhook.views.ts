import { fromJson } from '../db/json-column.js';
import { toMillis, type WebhookSubscriptionRow } from './event-records.js';

/** A webhook subscription as staff see it: the secret only as a hint. */
export interface WebhookSubscriptionView {
  id: string;
  url: string;
  /** Event names, or `*` for every event. */
  events: string[];
  active: boolean;
  description: string | null;
  /** The secret's prefix and last four characters, e.g. `whsec_…x9Qa`. */
  secretHint: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A subscription together with its secret, shown once (on create and on rotation). */
export interface WebhookSecretResult {
  subscription: WebhookSubscriptionView;
  secret: string;
}

/** One logged HTTP attempt of a webhook delivery. */
export interface WebhookAttemptView {
  id: string;
  deliveryId: string;
  subscriptionId: string;
  /** 1 for the first attempt of the delivery. */
  attempt: number;
  /** Null when no answer came (network error, timeout). */
  responseStatus: number | null;
  /** The first 2 KB of the answer. */
  responseBody: string | null;
  durationMs: number;
  error: string | null;
  createdAt: Date;
}

/** A row of `plaza_webhook_attempt` as the drivers return it. */
export interface WebhookAttemptRow {
  id: string;
  delivery_id: string;
  webhook_subscription_id: string;
  attempt: number | string;
  response_status: number | string | null;
  response_body: string | null;
  duration_ms: number | string;
  error: string | null;
  created_at: number | string;
}

/** Masks a secret for display. */
export function secretHint(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}

/** Turns a subscription row into what staff see. */
export function toSubscriptionView(row: WebhookSubscriptionRow): WebhookSubscriptionView {
  return {
    id: row.id,
    url: row.url,
    events: fromJson<string[]>(row.events),
    active: Boolean(row.active),
    description: row.description,
    secretHint: secretHint(row.secret),
    createdAt: new Date(toMillis(row.created_at)),
    updatedAt: new Date(toMillis(row.updated_at)),
  };
}

/** Turns an attempt row into what staff see. */
export function toAttemptView(row: WebhookAttemptRow): WebhookAttemptView {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    subscriptionId: row.webhook_subscription_id,
    attempt: Number(row.attempt),
    responseStatus: row.response_status === null ? null : Number(row.response_status),
    responseBody: row.response_body,
    durationMs: Number(row.duration_ms),
    error: row.error,
    createdAt: new Date(toMillis(row.created_at)),
  };
}
