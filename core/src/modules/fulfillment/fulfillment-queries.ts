import { injectable } from 'tsyringe';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { canHandle, limitToScope, requireFulfillmentAccess } from './fulfillment-access.js';
import { loadFulfillment } from './fulfillment-store.js';
import { FulfillmentTables as T } from './fulfillment.migrations.js';
import { FulfillmentPermission as P } from './fulfillment.permissions.js';
import { toFulfillment, toFulfillmentLine, type Fulfillment, type FulfillmentLine, type FulfillmentLineRow, type FulfillmentMode, type FulfillmentRow, type FulfillmentStatus } from './fulfillment.records.js';

/** Filters of the fulfillments list. */
export interface FulfillmentFilter {
  locationId?: string | null;
  orderId?: string | null;
  state?: string | null;
  status?: FulfillmentStatus | null;
  mode?: FulfillmentMode | null;
}

/** Reads of fulfillments: one, a page (a store's pick list), and per-request batched loaders. */
@injectable()
export class FulfillmentQueries {
  /** One fulfillment; FORBIDDEN outside the actor's locations. */
  async get(ctx: Ctx, id: string): Promise<Fulfillment> {
    const row = await loadFulfillment(ctx, id);
    requireFulfillmentAccess(ctx, P.Read, { locationId: row.location_id, platformId: row.platform_id });
    return toFulfillment(row);
  }

  /** A page of the fulfillments the actor may see, oldest first (a pick list works from the top). */
  async list(ctx: Ctx, args: PageArgs & { filter?: FulfillmentFilter | null }): Promise<Connection<Fulfillment>> {
    const { size, afterKey } = readPageArgs(args);
    const filter = args.filter ?? {};
    const query = ctx.db(T.fulfillment).select('*');
    limitToScope(ctx, query, P.Read);
    if (filter.locationId) query.where('location_id', filter.locationId);
    if (filter.orderId) query.where('order_id', filter.orderId);
    if (filter.state) query.where('state', filter.state);
    if (filter.status) query.where('status', filter.status);
    if (filter.mode) query.where('mode', filter.mode);
    if (afterKey) query.where('id', '>', afterKey);
    const rows = (await query.orderBy('id', 'asc').limit(size + 1)) as FulfillmentRow[];
    return toConnection(rows.map(toFulfillment), size, (f) => f.id);
  }

  /** The fulfillments of an order the actor may see (batched per request: one statement per level). */
  async ofOrder(ctx: Ctx, orderId: string): Promise<Fulfillment[]> {
    const actor = requirePermission(ctx, P.Read);
    const loader = ctx.loaders.get<string, FulfillmentRow[]>('fulfillment.byOrder', async (ids) => {
      const rows = (await ctx.db(T.fulfillment).whereIn('order_id', [...ids]).orderBy('id')) as FulfillmentRow[];
      return ids.map((id) => rows.filter((r) => r.order_id === id));
    });
    const rows = await loader.load(orderId);
    return rows.filter((r) => actor.kind === 'system' || canHandle(actor, P.Read, { locationId: r.location_id, platformId: r.platform_id })).map(toFulfillment);
  }

  /** The lines of a fulfillment (batched per request). */
  async lines(ctx: Ctx, fulfillmentId: string): Promise<FulfillmentLine[]> {
    const loader = ctx.loaders.get<string, FulfillmentLineRow[]>('fulfillment.lines', async (ids) => {
      const rows = (await ctx.db(T.line).whereIn('fulfillment_id', [...ids]).orderBy('id')) as FulfillmentLineRow[];
      return ids.map((id) => rows.filter((r) => r.fulfillment_id === id));
    });
    return (await loader.load(fulfillmentId)).map(toFulfillmentLine);
  }

  /** A fulfillment or null (NOT_FOUND → null, for `fulfillment(id)`). */
  async find(ctx: Ctx, id: string): Promise<Fulfillment | null> {
    try {
      return await this.get(ctx, id);
    } catch (error) {
      if (error instanceof Error && (error as { code?: string }).code === 'NOT_FOUND') return null;
      throw error;
    }
  }
}

