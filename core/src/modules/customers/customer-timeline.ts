import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import type { CustomerActivity } from '../../kernel/customer-data.js';
import { newId } from '../../kernel/ids.js';
import type { DomainEvent } from '../../kernel/plugin.js';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import { Tokens } from '../../kernel/tokens.js';
import { toJson } from '../../db/json-column.js';
import { dialectOf } from '../../db/database.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { CustomerTables as T } from './customer.migrations.js';
import { toTimelineEntry, type TimelineEntry, type TimelineRow } from './customer.records.js';
import { currentCustomerId } from './customer-store.js';
import { refreshFigures } from './customer-figures.js';
import { errors } from '../../kernel/errors.js';

function timelineCursor(key: string): [number, string] {
  try {
    const [at, id] = JSON.parse(key) as unknown[];
    if (typeof at === 'number' && typeof id === 'string') return [at, id];
  } catch {
    // falls through to the error below
  }
  throw errors.badInput('The cursor is not valid; use an endCursor from a previous page', [{ path: 'after', message: 'invalid cursor' }], 'CURSOR_INVALID');
}

/**
 * The timeline: one feed per customer of everything that happened on any platform. Modules and
 * plugins contribute through their events' `customerActivity` projection; the module's `'*'`
 * subscriber records each event once (keyed by event id), on the customer the id lives on now
 * (after merges), and books purchases into the lifetime figures.
 */
@injectable()
export class CustomerTimeline {
  constructor(@inject(Tokens.Plugins) private readonly registry: PluginRegistry) {}

  /** The subscriber to every event. */
  async onEvent(event: DomainEvent, ctx: Ctx): Promise<void> {
    const project = this.registry.events.get(event.name)?.customerActivity;
    if (!project) return;
    const activity = project(event.payload);
    if (!activity) return;
    await this.record(ctx, activity, event.id, event.occurredAt, event.platformId);
  }

  /** Records an activity (once per `eventId`). Returns false when the customer does not exist. */
  async record(ctx: Ctx, activity: CustomerActivity, eventId: string | null, at: Date, eventPlatformId: string | null = null): Promise<boolean> {
    const customerId = await currentCustomerId(ctx, activity.customerId);
    if (!customerId) return false;
    // Purchases of one customer are booked one at a time (deliveries run in parallel), so every
    // refresh sees the purchases committed before it. The lock comes first and does not clash
    // with the key-share locks foreign keys take (which would deadlock two deliveries).
    if (activity.purchase && dialectOf(ctx.db) === 'postgres') await ctx.db(T.customer).where('id', customerId).forNoKeyUpdate().first('id');
    const occurredAt = (activity.occurredAt ?? at).getTime();
    const platformId = activity.platformId ?? eventPlatformId;
    const entry = {
      id: newId('ctl'),
      customer_id: customerId,
      platform_id: platformId,
      kind: activity.kind,
      summary: activity.summary.slice(0, 500),
      reference_type: activity.reference?.type ?? null,
      reference_id: activity.reference?.id ?? null,
      data: toJson(activity.data ?? {}),
      event_id: eventId,
      occurred_at: occurredAt,
    };
    const timeline = ctx.db(T.timeline).insert(entry);
    if (eventId) await timeline.onConflict(['event_id']).ignore();
    else await timeline;
    if (activity.purchase && eventId) {
      const platform = platformId ? ((await ctx.db('platform').where('id', platformId).first('type')) as { type: string } | undefined) : undefined;
      const inserted = await ctx
        .db(T.purchase)
        .insert({
          id: newId('cpu'),
          customer_id: customerId,
          platform_id: platformId,
          platform_type: platform?.type ?? null,
          currency: activity.purchase.currency,
          amount: activity.purchase.amount,
          location_id: activity.purchase.locationId ?? null,
          event_id: eventId,
          reference_type: activity.reference?.type ?? null,
          reference_id: activity.reference?.id ?? null,
          occurred_at: occurredAt,
        })
        .onConflict(['event_id'])
        .ignore()
        .returning('id');
      if (inserted.length > 0) await refreshFigures(ctx, customerId);
    }
    return true;
  }

  /** A page of a customer's timeline, newest first. */
  async list(ctx: Ctx, customerId: string, args: PageArgs & { platformId?: string | null; kinds?: string[] | null } = {}): Promise<Connection<TimelineEntry>> {
    const page = readPageArgs(args);
    const query = ctx.db(T.timeline).where('customer_id', customerId).orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(page.size + 1);
    if (args.platformId) query.where('platform_id', args.platformId);
    if (args.kinds?.length) query.whereIn('kind', args.kinds);
    if (page.afterKey) {
      const [at, id] = timelineCursor(page.afterKey);
      query.where((q) => q.where('occurred_at', '<', at).orWhere((q2) => q2.where('occurred_at', at).where('id', '<', id)));
    }
    const rows = (await query) as TimelineRow[];
    return toConnection(rows.map(toTimelineEntry), page.size, (e) => JSON.stringify([e.occurredAt.getTime(), e.id]));
  }
}
