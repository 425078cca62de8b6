import { timingSafeEqual } from 'node:crypto';
import { inject, injectable } from 'tsyringe';
import { inTransaction } from '../../db/transaction.js';
import { permissionScope, requirePermission } from '../../kernel/authorization.js';
import { requirePlatform, type Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { ProcessService } from '../processes/index.js';
import { OrderNumbers } from './order-numbers.js';
import { hashAccessToken } from './order-placement.js';
import { syncOrderFromProcess } from './order-sync.js';
import { OrderTables as T } from './order.migrations.js';
import { OrderPermission as P } from './order.permissions.js';
import { toOrder, type Order, type OrderPaymentStatus, type OrderRow, type OrderStatus } from './order.records.js';
import type { DeliveryMode } from './order-placement.types.js';

/** Filters of the admin order list. */
export interface OrderFilter {
  platformId?: string | null;
  customerId?: string | null;
  state?: string | null;
  status?: OrderStatus | null;
  paymentStatus?: OrderPaymentStatus | null;
  mode?: DeliveryMode | null;
  /** The pickup location, or a line's location. */
  locationId?: string | null;
  placedFrom?: Date | null;
  placedTo?: Date | null;
  /** An order number (exact) or the start of an e-mail address. */
  search?: string | null;
}

const keyOf = (o: Order) => `${o.placedAt.getTime()}|${o.id}`;

function pageAfter(query: ReturnType<Ctx['db']>, afterKey: string | null): void {
  if (!afterKey) return;
  const [at, id] = afterKey.split('|');
  const t = Number(at);
  if (!id || !Number.isFinite(t)) throw errors.badInput('The cursor is not valid', [{ path: 'after', message: 'is not a cursor of this list' }], 'CURSOR_INVALID');
  query.where((q) => q.where('placed_at', '<', t).orWhere((w) => w.where('placed_at', t).andWhere('id', '<', id)));
}

/**
 * Reading orders (admin with `orders.read` for the platform; customers their own; guests with
 * the access token), moving them through their process, and keeping their state in step with it.
 */
@injectable()
export class OrderService {
  constructor(
    @inject(ProcessService) private readonly processes: ProcessService,
    @inject(OrderNumbers) private readonly numbers: OrderNumbers,
  ) {}

  /** The order row without any permission check (services of this module). */
  async load(ctx: Ctx, id: string): Promise<Order> {
    const row = (await ctx.db(T.order).where('id', id).first()) as OrderRow | undefined;
    if (!row) throw errors.notFound('Order', id);
    return toOrder(row);
  }

  /** One order for an admin reader (`orders.read` on its platform). */
  async get(ctx: Ctx, id: string): Promise<Order> {
    const order = await this.load(ctx, id);
    requirePermission(ctx, P.Read, { platformId: order.platformId });
    return order;
  }

  /** An order by its number (on a platform, or on any platform the reader may read). */
  async byNumber(ctx: Ctx, number: string, platformId?: string | null): Promise<Order | null> {
    const query = ctx.db(T.order).where('number', number.trim().toUpperCase());
    if (platformId) query.where('platform_id', platformId);
    const rows = (await query.limit(5)) as OrderRow[];
    const readable = rows.map(toOrder).filter((o) => {
      try {
        requirePermission(ctx, P.Read, { platformId: o.platformId });
        return true;
      } catch {
        return false;
      }
    });
    if (readable.length === 0 && rows.length === 0) requirePermission(ctx, P.Read, { platformId: platformId ?? null });
    return readable[0] ?? null;
  }

  /** A page of orders, newest first, of the platforms the reader may read. */
  async list(ctx: Ctx, args: PageArgs & { filter?: OrderFilter | null } = {}): Promise<Connection<Order>> {
    const filter = args.filter ?? {};
    const actor = requirePermission(ctx, P.Read, { platformId: filter.platformId ?? null });
    const page = readPageArgs(args);
    const query = ctx.db(T.order).orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(page.size + 1);
    if (filter.platformId) query.where('platform_id', filter.platformId);
    if (filter.customerId) query.where('customer_id', filter.customerId);
    if (filter.state) query.where('state', filter.state);
    if (filter.status) query.where('status', filter.status);
    if (filter.paymentStatus) query.where('payment_status', filter.paymentStatus);
    if (filter.mode) query.where('mode', filter.mode);
    if (filter.placedFrom) query.where('placed_at', '>=', filter.placedFrom.getTime());
    if (filter.placedTo) query.where('placed_at', '<=', filter.placedTo.getTime());
    if (filter.locationId) {
      const at = filter.locationId;
      query.where((q) => q.where('pickup_location_id', at).orWhereExists((e) => e.select(ctx.db.raw('1')).from(T.line).whereRaw(`${T.line}.order_id = ${T.order}.id`).andWhere(`${T.line}.location_id`, at)));
    }
    if (filter.search?.trim()) {
      const term = filter.search.trim();
      query.where((q) => q.where('number', term.toUpperCase()).orWhere('email', 'like', `${term.toLowerCase().replace(/[%_\\]/g, '')}%`));
    }
    pageAfter(query, page.afterKey);
    const scope = permissionScope(actor, P.Read);
    if (!scope.all && !scope.unscopedPlatforms) query.whereIn('platform_id', [...scope.platformIds]);
    return toConnection(((await query) as OrderRow[]).map(toOrder), page.size, keyOf);
  }

  /** The signed-in customer's orders of every platform, newest first. */
  async ofCustomer(ctx: Ctx, customerId: string, args: PageArgs = {}): Promise<Connection<Order>> {
    const page = readPageArgs(args);
    const query = ctx.db(T.order).where('customer_id', customerId).orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(page.size + 1);
    pageAfter(query, page.afterKey);
    return toConnection(((await query) as OrderRow[]).map(toOrder), page.size, keyOf);
  }

  /**
   * An order on the channel API: the signed-in customer's own, or any with its access token.
   * Null (not an error) otherwise, so ids cannot be probed.
   */
  async forChannel(ctx: Ctx, id: string, accessToken?: string | null): Promise<Order | null> {
    requirePlatform(ctx);
    const row = (await ctx.db(T.order).where('id', id).first()) as OrderRow | undefined;
    if (!row) return null;
    if (ctx.actor?.kind === 'customer' && row.customer_id === ctx.actor.id) return toOrder(row);
    if (accessToken && row.access_token_hash && sameHash(hashAccessToken(accessToken), row.access_token_hash)) return toOrder(row);
    return null;
  }

  /** Whether the channel caller owns the order (customer) — pickup codes and payments show only then. */
  canSeePrivate(ctx: Ctx, order: Order, accessToken?: string | null): boolean {
    if (ctx.api !== 'channel') return true;
    if (ctx.actor?.kind === 'customer' && order.customerId === ctx.actor.id) return true;
    return Boolean(accessToken);
  }

  /** Copies the process instance's state and status onto the order (idempotent). */
  async syncFromProcess(ctx: Ctx, orderId: string): Promise<{ state: string; status: OrderStatus } | null> {
    return syncOrderFromProcess(ctx, orderId);
  }

  /** Takes another transition of the order's process (accept, ship, mark_ready…) as the caller. */
  async transition(ctx: Ctx, id: string, transition: string, input?: Record<string, unknown> | null, expectedSeq?: number | null): Promise<Order> {
    const order = await this.get(ctx, id);
    requirePermission(ctx, P.Manage, { platformId: order.platformId });
    if (!order.processInstanceId) throw errors.conflict('This order has no process', 'ORDER_WITHOUT_PROCESS');
    return inTransaction(ctx, async (trx) => {
      await this.processes.transition(trx, order.processInstanceId!, transition, { input: input ?? {}, expectedSeq });
      await syncOrderFromProcess(trx, id);
      return this.load(trx, id);
    });
  }

  /** Sets a platform's order number prefix (`orders.manage`). */
  async setNumberPrefix(ctx: Ctx, platformId: string, prefix: string): Promise<string> {
    requirePermission(ctx, P.Manage, { platformId });
    return this.numbers.setPrefix(ctx, platformId, prefix);
  }
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
