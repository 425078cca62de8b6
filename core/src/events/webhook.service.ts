import { randomBytes } from 'node:crypto';
import { requirePermission } from '../kernel/authorization.js';
import type { Ctx } from '../kernel/context.js';
import { errors } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { toJson } from '../db/json-column.js';
import { afterCommit, inTransaction } from '../db/transaction.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../gateway/connection.js';
import { findDeliveryView, pageOfDeliveries, requeueDeadDelivery, type EventDeliveryView } from './delivery-views.js';
import { EventTables as T, type WebhookSubscriptionRow } from './event-records.js';
import { EventPermission } from './events.permissions.js';
import { createWebhookInput, parseInput, updateWebhookInput, type CreateWebhookInput, type UpdateWebhookInput } from './webhook.inputs.js';
import {
  toAttemptView,
  toSubscriptionView,
  type WebhookAttemptRow,
  type WebhookAttemptView,
  type WebhookSecretResult,
  type WebhookSubscriptionView,
} from './webhook.views.js';

/** What the webhook service needs. */
export interface WebhookServiceDeps {
  /** The event catalogue subscriptions are checked against. */
  registry: PluginRegistry;
  now?: () => number;
  /** Wakes the dispatcher after a redelivery commits. */
  wake?: () => void;
}

/** A page of one subscription's deliveries or attempts. */
export type SubscriptionPageArgs = PageArgs & { subscriptionId: string };

/** A new signing secret: `whsec_` and 32 random bytes in base64url. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Manages outbound webhook subscriptions and their deliveries. Every method needs the
 * `webhooks.manage` permission and works on `ctx.db`.
 */
export class WebhookService {
  private readonly now: () => number;
  private readonly wake: () => void;

  constructor(private readonly deps: WebhookServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.wake = deps.wake ?? (() => undefined);
  }

  /** Creates a subscription; the returned secret is shown only this once. */
  async create(ctx: Ctx, input: CreateWebhookInput): Promise<WebhookSecretResult> {
    requirePermission(ctx, EventPermission.WebhooksManage);
    const data = parseInput(createWebhookInput, input);
    const now = this.now();
    const row: WebhookSubscriptionRow = {
      id: newId('whk'),
      url: data.url,
      events: this.checkEvents(data.events),
      secret: generateWebhookSecret(),
      active: data.active ?? true,
      description: data.description ?? null,
      created_at: now,
      updated_at: now,
    };
    await ctx.db(T.webhook).insert({ ...row, events: toJson(row.events) });
    return { subscription: toSubscriptionView(row), secret: row.secret };
  }

  /** Lists subscriptions, newest first. */
  async list(ctx: Ctx, args: PageArgs = {}): Promise<Connection<WebhookSubscriptionView>> {
    requirePermission(ctx, EventPermission.WebhooksManage);
    const page = readPageArgs(args);
    const query = ctx.db(T.webhook).select('*').orderBy('id', 'desc').limit(page.size + 1);
    if (page.afterKey) query.where('id', '<', page.afterKey);
    const rows = (await query) as WebhookSubscriptionRow[];
    return toConnection(rows.map(toSubscriptionView), page.size, (s) => s.id);
  }

  /** One subscription; NOT_FOUND when it does not exist. */
  async get(ctx: Ctx, id: string): Promise<WebhookSubscriptionView> {
    requirePermission(ctx, EventPermission.WebhooksManage);
    return toSubscriptionView(await this.load(ctx, id));
  }

  /** Changes the URL, events, description or active flag (only the fields given). */
  async update(ctx: Ctx, input: UpdateWebhookInput): Promise<WebhookSubscriptionView> {
    requirePermission(ctx, EventPermission.WebhooksManage);
    const data = parseInput(updateWebhookInput, input);
    const changes: Record<string, unknown> = { updated_at: this.now() };
    if (data.url !== undefined) changes.url = data.url;
    if (data.events !== undefined) changes.events = toJson(this.checkEvents(data.events));
    if (data.description !== undefined) changes.description = data.description;
    if (data.active !== undefined) changes.active = data.active;
    const updated = await ctx.db(T.webhook).where('id', data.id).update(changes);
    if (updated === 0) throw errors.notFound('Webhook subscription', data.id);
    return toSubscriptionView(await this.load(ctx, data.id));
  }

  /** Replaces the signing secret; the new one is shown only this once. */
  async rotateSecret(ctx: Ctx, id: string): Promise<WebhookSecretResult> {
    requirePermission(ctx, EventPermission.WebhooksManage);
    const secret = generateWebhookSecret();
    const updated = await ctx.db(T.webhook).where('id', id).update({ secret, updated_at: this.now() });
    if (updated === 0) throw errors.notFound('Webhook subscription', id);
    return { subscription: toSubscriptionView(await this.load(ctx, id)), secret };
  }

  /** Deletes a subscription with its deliveries and attempt log; returns what was deleted. */
  async delete(ctx: Ctx, id: string): Promise<WebhookSubscriptionView> {
    requirePermission(ctx, EventPermission.WebhooksManage);
    return inTransaction(ctx, async (tx) => {
      const view = toSubscriptionView(await this.load(tx, id));
      await tx.db(T.webhookAttempt).where('webhook_subscription_id', id).delete();
      await tx.db(T.delivery).where({ target_kind: 'webhook', target_id: id }).delete();
      await tx.db(T.webhook).where('id', id).delete();
      return view;
    });
  }

  /** One subscription's deliveries, newest first. */
  async listDeliveries(ctx: Ctx, args: SubscriptionPageArgs): Promise<Connection<EventDeliveryView>> {
    requirePermission(ctx, EventPermission.WebhooksManage);
    const page = readPageArgs(args);
    await this.load(ctx, args.subscriptionId);
    return pageOfDeliveries(ctx.db, { target_kind: 'webhook', target_id: args.subscriptionId }, page);
  }

  /** One subscription's HTTP attempts, newest first. */
  async listAttempts(ctx: Ctx, args: SubscriptionPageArgs): Promise<Connection<WebhookAttemptView>> {
    requirePermission(ctx, EventPermission.WebhooksManage);
    const page = readPageArgs(args);
    await this.load(ctx, args.subscriptionId);
    const query = ctx.db(T.webhookAttempt).where('webhook_subscription_id', args.subscriptionId).orderBy('id', 'desc').limit(page.size + 1);
    if (page.afterKey) query.where('id', '<', page.afterKey);
    const rows = (await query.select('*')) as WebhookAttemptRow[];
    return toConnection(rows.map(toAttemptView), page.size, (a) => a.id);
  }

  /** The attempts of several deliveries in one query (newest first), in the order of `deliveryIds` — for DataLoaders. */
  async attemptsOfDeliveries(ctx: Ctx, deliveryIds: readonly string[]): Promise<WebhookAttemptView[][]> {
    requirePermission(ctx, EventPermission.WebhooksManage);
    const rows = deliveryIds.length
      ? ((await ctx.db(T.webhookAttempt).whereIn('delivery_id', [...deliveryIds]).orderBy('id', 'desc').select('*')) as WebhookAttemptRow[])
      : [];
    const byDelivery = new Map<string, WebhookAttemptView[]>();
    for (const row of rows) byDelivery.set(row.delivery_id, [...(byDelivery.get(row.delivery_id) ?? []), toAttemptView(row)]);
    return deliveryIds.map((id) => byDelivery.get(id) ?? []);
  }

  /** Sends a dead webhook delivery again (attempts reset). CONFLICT unless it is dead and its subscription active. */
  async redeliver(ctx: Ctx, deliveryId: string): Promise<EventDeliveryView> {
    requirePermission(ctx, EventPermission.WebhooksManage);
    return inTransaction(ctx, async (tx) => {
      const delivery = await findDeliveryView(tx.db, deliveryId);
      if (!delivery || delivery.targetKind !== 'webhook') throw errors.notFound('Webhook delivery', deliveryId);
      const subscription = await this.load(tx, delivery.targetId);
      if (!subscription.active) throw errors.conflict('The webhook subscription is disabled; enable it before redelivering', 'WEBHOOK_DISABLED');
      if (!(await requeueDeadDelivery(tx.db, deliveryId, this.now()))) {
        throw errors.conflict(`Only a failed (dead) delivery can be redelivered; this one is ${delivery.status}`, 'DELIVERY_NOT_DEAD');
      }
      afterCommit(tx.db, this.wake);
      return (await findDeliveryView(tx.db, deliveryId)) ?? delivery;
    });
  }

  private async load(ctx: Ctx, id: string): Promise<WebhookSubscriptionRow> {
    const row = (await ctx.db(T.webhook).where('id', id).first()) as WebhookSubscriptionRow | undefined;
    if (!row) throw errors.notFound('Webhook subscription', id);
    return row;
  }

  private checkEvents(names: readonly string[]): string[] {
    const unique = [...new Set(names)];
    const fields = unique.flatMap((name, i) =>
      name === '*' || this.deps.registry.events.has(name) ? [] : [{ path: `events.${i}`, message: `"${name}" is not a known event` }],
    );
    if (fields.length > 0) throw errors.badInput(`Unknown event names: ${fields.map((f) => f.message).join(', ')}`, fields, 'WEBHOOK_EVENT_UNKNOWN');
    return unique.includes('*') ? ['*'] : unique;
  }
}
