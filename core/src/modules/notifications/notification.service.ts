import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.js';
import { permissionScope, requirePermission } from '../../kernel/authorization.js';
import { errors } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { ResolvedConfig } from '../../kernel/config.js';
import type { EventBus } from '../../events/event-bus.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { inTransaction } from '../../db/transaction.js';
import { fromJson, toJson } from '../../db/json-column.js';
import { epochDateOrNull, epochMillis } from '../../db/epoch-column.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { CustomerTables } from '../customers/customer.migrations.js';
import { PlatformTables } from '../platforms/platform.migrations.js';
import { NotificationTables as T } from './notification.migrations.js';
import { NotificationPermission } from './notification.permissions.js';
import { NotificationTemplates, type RenderedMessage } from './notification-templates.js';
import { NotificationProviders, PermanentSendError } from './notification-providers.js';
import type { TemplateVariables } from './template-render.js';

/** Name of the job that sends one message. */
export const SEND_JOB = 'notifications.send';
/** Attempts of one message before it is marked failed. */
export const MAX_SEND_ATTEMPTS = 5;

export type MessageStatus = 'queued' | 'sent' | 'failed' | 'skipped';

/** A message as staff see it: what was sent, how and when — never its content or address. */
export interface NotificationMessage {
  id: string;
  eventId: string | null;
  customerId: string | null;
  platformId: string | null;
  template: string;
  channel: string;
  locale: string;
  provider: string | null;
  status: MessageStatus;
  reason: string | null;
  subject: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** What a module asks for (usually from an event subscriber, with the event's id). */
export interface NotificationRequest {
  /** The event asking for the message: the idempotency key (one message per event). */
  eventId: string;
  template: string;
  customerId: string | null;
  platformId: string | null;
  /** `email`, `sms`, `whatsapp`, `push`, or `default` (the customer's preferred channel — e-mail for now). */
  channel?: string | null;
  /** The address when the event carries it (account e-mails); otherwise the customer's is looked up. */
  to?: string | null;
  variables?: TemplateVariables;
}

/** Filters of {@link NotificationService.list}. */
export interface NotificationFilter {
  customerId?: string | null;
  platformId?: string | null;
  template?: string | null;
  channel?: string | null;
  status?: MessageStatus | null;
}

interface MessageRow {
  id: string;
  event_id: string | null;
  customer_id: string | null;
  platform_id: string | null;
  template: string;
  channel: string;
  locale: string;
  provider: string | null;
  status: MessageStatus;
  reason: string | null;
  subject: string | null;
  recipient: string | null;
  variables: unknown;
  attempts: number | string;
  provider_message_id: string | null;
  last_error: string | null;
  created_at: number | string;
  updated_at: number | string;
  sent_at: number | string | null;
}

function toMessage(row: MessageRow): NotificationMessage {
  return {
    id: row.id,
    eventId: row.event_id,
    customerId: row.customer_id,
    platformId: row.platform_id,
    template: row.template,
    channel: row.channel,
    locale: row.locale,
    provider: row.provider,
    status: row.status,
    reason: row.reason,
    subject: row.subject,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: new Date(epochMillis(row.created_at)),
    sentAt: epochDateOrNull(row.sent_at),
  };
}

const filterInput = z.object({
  customerId: z.string().max(40).nullish(),
  platformId: z.string().max(40).nullish(),
  template: z.string().max(64).nullish(),
  channel: z.string().max(20).nullish(),
  status: z.enum(['queued', 'sent', 'failed', 'skipped']).nullish(),
});

const previewInput = z.object({
  template: z.string().min(1).max(64),
  locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a locale like es-ES'),
  variables: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.null()])).default({}),
});

interface CustomerFacts {
  id: string;
  locale: string | null;
  status: string;
}

/**
 * Customer messages: records what an event asks for (`request`, in the subscriber's
 * transaction), sends it from the `notifications.send` job (`send`, retried with backoff), and
 * lists what was sent for staff. See docs/notifications.md for the consent rules.
 */
@injectable()
export class NotificationService {
  constructor(
    @inject(NotificationTemplates) private readonly templates: NotificationTemplates,
    @inject(NotificationProviders) private readonly providers: NotificationProviders,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(Tokens.JobQueue) private readonly jobs: JobQueue,
    @inject(Tokens.Config) private readonly config: ResolvedConfig,
  ) {}

  /**
   * Records the message an event asks for and queues its sending (in `ctx`'s transaction). Once
   * per `eventId`: a second call returns the first message. A message that must not or cannot
   * be sent is recorded `skipped` with the reason (CONSENT_WITHDRAWN, NO_CONSENT, NO_RECIPIENT,
   * NO_PROVIDER, TEMPLATE_UNKNOWN, CUSTOMER_ERASED).
   */
  async request(ctx: Ctx, input: NotificationRequest): Promise<NotificationMessage> {
    return inTransaction(ctx, async (trx) => {
      const existing = (await trx.db(T.message).where('event_id', input.eventId).first()) as MessageRow | undefined;
      if (existing) return toMessage(existing);
      const channel = !input.channel || input.channel === 'default' ? 'email' : input.channel;
      const customer = input.customerId ? await this.customer(trx, input.customerId) : null;
      const platform = input.platformId
        ? ((await trx.db(PlatformTables.platform).where('id', input.platformId).first('name', 'locale')) as { name: string; locale: string } | undefined)
        : undefined;
      const template = this.templates.get(input.template);
      const locale = template ? this.templates.localeFor(template.code, [customer?.locale, platform?.locale]) : (customer?.locale ?? platform?.locale ?? 'en');
      const now = Date.now();
      const row: MessageRow = {
        id: newId('ntf'),
        event_id: input.eventId,
        customer_id: customer?.id ?? input.customerId,
        platform_id: input.platformId,
        template: input.template,
        channel,
        locale,
        provider: null,
        status: 'queued',
        reason: null,
        subject: null,
        recipient: null,
        variables: null,
        attempts: 0,
        provider_message_id: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        sent_at: null,
      };
      const skip = (reason: string) => Object.assign(row, { status: 'skipped' as const, reason });
      const provider = this.providers.for(channel);
      if (!template) skip('TEMPLATE_UNKNOWN');
      else if (customer?.status === 'erased') skip('CUSTOMER_ERASED');
      else if (!provider) skip('NO_PROVIDER');
      else {
        const consent = customer ? await this.consentProblem(trx, customer.id, channel, template.category, template.security === true) : template.category === 'marketing' ? 'NO_CONSENT' : null;
        const recipient = input.to ?? (customer ? await this.address(trx, customer.id, channel) : null);
        if (consent) skip(consent);
        else if (!recipient && channel !== 'push') skip('NO_RECIPIENT');
        else {
          row.recipient = recipient ?? customer?.id ?? null;
          row.provider = provider.code;
          row.variables = toJson({ ...(platform ? { platformName: platform.name } : {}), ...input.variables });
        }
      }
      await trx.db(T.message).insert(row);
      if (row.status === 'queued') await this.jobs.enqueue(trx, SEND_JOB, { messageId: row.id }, { uniqueKey: `notification:${row.id}` });
      else trx.logger.info({ messageId: row.id, template: row.template, reason: row.reason }, 'customer message skipped');
      return toMessage(row);
    });
  }

  /**
   * Sends a queued message (the job's work). A provider failure counts an attempt and throws so
   * the job retries with backoff; after {@link MAX_SEND_ATTEMPTS} (or a permanent failure) the
   * message is marked failed. Sent and failed messages forget their address and variables.
   */
  async send(ctx: Ctx, messageId: string): Promise<NotificationMessage | null> {
    const row = (await ctx.db(T.message).where('id', messageId).first()) as MessageRow | undefined;
    if (!row || row.status !== 'queued') return row ? toMessage(row) : null;
    const attempts = Number(row.attempts) + 1;
    // Erasure cleared the address of a message still waiting.
    if (!row.recipient) return this.fail(ctx, row, attempts, 'NO_RECIPIENT', new Error('the message has no recipient (erased?)'));
    let rendered: RenderedMessage;
    try {
      rendered = this.templates.render(row.template, row.locale, fromJson<TemplateVariables>(row.variables) ?? {});
    } catch (error) {
      return this.fail(ctx, row, attempts, (error as { reason?: string }).reason ?? 'RENDER_FAILED', error);
    }
    const provider = this.providers.for(row.channel);
    if (!provider) return this.fail(ctx, row, attempts, 'NO_PROVIDER', new Error(`no provider sends ${row.channel}`));
    try {
      const result = await provider.send({
        id: row.id,
        channel: row.channel,
        to: row.recipient,
        from: this.config.notifications.from,
        template: row.template,
        locale: rendered.locale,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      });
      return await inTransaction(ctx, async (trx) => {
        const now = Date.now();
        const changed = await trx
          .db(T.message)
          .where({ id: row.id, status: 'queued' })
          .update({ status: 'sent', provider: provider.code, provider_message_id: result.providerMessageId?.slice(0, 200) ?? null, subject: rendered.subject.slice(0, 300), attempts, sent_at: now, updated_at: now, recipient: null, variables: null, last_error: null });
        if (changed > 0) {
          await this.events.publish(trx, 'notification.sent', { messageId: row.id, customerId: row.customer_id, platformId: row.platform_id, template: row.template, channel: row.channel, locale: rendered.locale, provider: provider.code }, { platformId: row.platform_id });
        }
        return toMessage((await trx.db(T.message).where('id', row.id).first()) as MessageRow);
      });
    } catch (error) {
      if (error instanceof PermanentSendError) return this.fail(ctx, row, attempts, error.reason, error);
      if (attempts >= MAX_SEND_ATTEMPTS) return this.fail(ctx, row, attempts, 'PROVIDER_FAILED', error);
      await ctx.db(T.message).where({ id: row.id, status: 'queued' }).update({ attempts, provider: provider.code, last_error: describe(error), updated_at: Date.now() });
      throw error;
    }
  }

  /** Messages, newest first. Needs `notifications.read`; platform-scoped staff see their platforms' messages. */
  async list(ctx: Ctx, args: PageArgs & { filter?: NotificationFilter | null }): Promise<Connection<NotificationMessage>> {
    requirePermission(ctx, NotificationPermission.Read);
    const filter = parseInput(filterInput, args.filter ?? {}, 'filter', 'NOTIFICATION_FILTER_INVALID', 'filter');
    const { size, afterKey } = readPageArgs(args);
    const query = ctx.db(T.message).select('*').orderBy('id', 'desc').limit(size + 1);
    if (filter.customerId) query.where('customer_id', filter.customerId);
    if (filter.platformId) query.where('platform_id', filter.platformId);
    if (filter.template) query.where('template', filter.template);
    if (filter.channel) query.where('channel', filter.channel);
    if (filter.status) query.where('status', filter.status);
    const scope = permissionScope(ctx.actor, NotificationPermission.Read);
    if (!scope.all && !scope.unscopedPlatforms) query.whereIn('platform_id', [...scope.platformIds]);
    if (afterKey) query.where('id', '<', afterKey);
    const rows = (await query) as MessageRow[];
    return toConnection(rows.map(toMessage), size, (m) => m.id);
  }

  /** Renders a template with sample variables for staff (nothing is sent or stored). Needs `notifications.read`. */
  preview(ctx: Ctx, input: { template: string; locale: string; variables?: TemplateVariables | null }): RenderedMessage {
    requirePermission(ctx, NotificationPermission.Read);
    const data = parseInput(previewInput, { ...input, variables: input.variables ?? {} }, 'preview', 'NOTIFICATION_PREVIEW_INVALID');
    if (!this.templates.get(data.template)) {
      throw errors.badInput(`There is no notification template "${data.template}"`, [{ path: 'template', message: 'unknown template' }], 'TEMPLATE_UNKNOWN');
    }
    return this.templates.render(data.template, data.locale, data.variables);
  }

  private async fail(ctx: Ctx, row: MessageRow, attempts: number, reason: string, error: unknown): Promise<NotificationMessage | null> {
    ctx.logger.warn({ err: error, messageId: row.id, template: row.template, reason, attempts }, 'customer message failed');
    return inTransaction(ctx, async (trx) => {
      const changed = await trx
        .db(T.message)
        .where({ id: row.id, status: 'queued' })
        .update({ status: 'failed', reason: reason.slice(0, 40), attempts, last_error: describe(error), updated_at: Date.now(), recipient: null, variables: null });
      if (changed > 0) {
        await this.events.publish(trx, 'notification.failed', { messageId: row.id, customerId: row.customer_id, platformId: row.platform_id, template: row.template, channel: row.channel, locale: row.locale, reason }, { platformId: row.platform_id });
      }
      const current = (await trx.db(T.message).where('id', row.id).first()) as MessageRow | undefined;
      return current ? toMessage(current) : null;
    });
  }

  /** The customer a message goes to (following merges), with their locale and status. */
  private async customer(ctx: Ctx, customerId: string): Promise<CustomerFacts | null> {
    let id = customerId;
    for (let hop = 0; hop < 5; hop++) {
      const row = (await ctx.db(CustomerTables.customer).where('id', id).first('id', 'locale', 'status', 'merged_into_id')) as (CustomerFacts & { merged_into_id: string | null }) | undefined;
      if (!row) return null;
      if (row.status === 'merged' && row.merged_into_id) {
        id = row.merged_into_id;
        continue;
      }
      return { id: row.id, locale: row.locale, status: row.status };
    }
    return null;
  }

  /**
   * Why consent forbids this message, or null. Transactional messages need no consent, but a
   * withdrawn `transactional` consent for the channel stops them — except account-security
   * messages the customer has just asked for. Marketing messages need a granted `marketing` consent.
   */
  private async consentProblem(ctx: Ctx, customerId: string, channel: string, category: 'transactional' | 'marketing', security: boolean): Promise<string | null> {
    if (security) return null;
    const purpose = category === 'marketing' ? 'marketing' : 'transactional';
    const latest = (await ctx.db(CustomerTables.consent).where({ customer_id: customerId, purpose, channel }).orderBy('id', 'desc').first('granted')) as { granted: boolean | number } | undefined;
    if (category === 'marketing') return latest && Boolean(latest.granted) ? null : 'NO_CONSENT';
    return latest && !latest.granted ? 'CONSENT_WITHDRAWN' : null;
  }

  /** The customer's address for a channel: the account e-mail, else a verified (then any) e-mail/phone identity. */
  private async address(ctx: Ctx, customerId: string, channel: string): Promise<string | null> {
    if (channel === 'email') {
      const account = (await ctx.db(CustomerTables.account).where('customer_id', customerId).first('email')) as { email: string | null } | undefined;
      if (account?.email) return account.email;
    }
    const kind = channel === 'email' ? 'email' : channel === 'sms' || channel === 'whatsapp' ? 'phone' : null;
    if (!kind) return null;
    const identity = (await ctx.db(CustomerTables.identity).where({ customer_id: customerId, kind }).orderBy([{ column: 'verified', order: 'desc' }, { column: 'id', order: 'asc' }]).first('value')) as { value: string } | undefined;
    return identity?.value ?? null;
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // Providers' errors often quote the address: keep it out of what staff and logs read.
  return text.replace(/[^\s@<>"']+@[^\s@<>"']+/g, '[address]').slice(0, 500);
}
