import { inject, injectable } from 'tsyringe';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { inTransaction } from '../../db/transaction.js';
import { requireFulfillmentAccess } from './fulfillment-access.js';
import { FulfillmentProcess } from './fulfillment-process.js';
import { loadFulfillment } from './fulfillment-store.js';
import { OrderTables as O } from './fulfillment.migrations.js';
import { FulfillmentPermission as P } from './fulfillment.permissions.js';
import { toFulfillment, type Fulfillment, type FulfillmentRow } from './fulfillment.records.js';
import { orderFacts, orderByNumber, type OrderFacts } from './order-reads.js';
import { OrderSync } from './order-sync.js';
import { codesMatch, verifyPickupCode } from './pickup-attempts.js';
import { parsePickupCode } from './pickup-qr.js';

/** What an associate's scan finds: the order and its pickup fulfillments at the store. */
export interface PickupMatch {
  orderId: string;
  orderNumber: string;
  fulfillments: Fulfillment[];
}

/**
 * Click & collect at the store: mark a pickup ready (the fulfillment is packed and the order's
 * process takes `mark_ready`, whose notification carries the pickup code and its QR image),
 * find an order by its code, and hand it over against the code (`hand_over` of the
 * fulfillment, then `collect` of the order).
 */
@injectable()
export class PickupService {
  constructor(
    @inject(FulfillmentProcess) private readonly process: FulfillmentProcess,
    @inject(OrderSync) private readonly sync: OrderSync,
  ) {}

  /** Packs a pickup fulfillment; once all of the order's are ready, the order is `ready_for_pickup`. */
  async markReady(ctx: Ctx, fulfillmentId: string): Promise<Fulfillment> {
    return inTransaction(ctx, async (trx) => {
      const row = await this.loadPickup(trx, fulfillmentId);
      const next = await this.process.take(trx, row, 'pack');
      await this.sync.afterChange(trx, row.order_id);
      return toFulfillment(next);
    });
  }

  /**
   * Hands a pickup over against its code (bare, or the QR content `NUMBER:CODE`): by order
   * (every ready pickup fulfillment of it) or by one fulfillment. Wrong codes are throttled.
   */
  async collect(ctx: Ctx, target: { orderId?: string | null; fulfillmentId?: string | null }, code: string): Promise<Fulfillment[]> {
    if (Boolean(target.orderId) === Boolean(target.fulfillmentId)) {
      throw errors.badInput('Give the order or the fulfillment (one of them)', [{ path: 'orderId', message: 'give orderId or fulfillmentId' }], 'PICKUP_TARGET_INVALID');
    }
    const first = target.fulfillmentId ? await loadFulfillment(ctx, target.fulfillmentId) : null;
    const order = await orderFacts(ctx, first?.order_id ?? target.orderId!);
    const rows = first ? [first] : (await this.sync.live(ctx, order.id)).filter((f) => f.mode === 'pickup');
    if (rows.length === 0) throw errors.conflict(`Order ${order.number} has nothing to pick up`, 'NOTHING_TO_COLLECT');
    for (const row of rows) requireFulfillmentAccess(ctx, P.Manage, { locationId: row.location_id, platformId: row.platform_id });
    await verifyPickupCode(ctx, order, code);
    return inTransaction(ctx, async (trx) => {
      const handed: Fulfillment[] = [];
      for (const row of rows) {
        const fresh = await loadFulfillment(trx, row.id);
        if (fresh.mode !== 'pickup') throw errors.conflict(`Fulfillment ${row.id} is shipped, not picked up`, 'FULFILLMENT_NOT_PICKUP');
        handed.push(toFulfillment(await this.process.take(trx, fresh, 'hand_over', {}, { collected_by_staff_id: trx.actor?.kind === 'staff' ? trx.actor.id : null })));
      }
      await this.sync.afterChange(trx, order.id);
      return handed;
    });
  }

  /**
   * The order waiting at `locationId` for this code (bare, or the QR content), or null. Needs
   * `fulfillment.read` at the location.
   */
  async findByCode(ctx: Ctx, locationId: string, raw: string): Promise<PickupMatch | null> {
    requirePermission(ctx, P.Read);
    const { number, code } = parsePickupCode(raw);
    if (!code) return null;
    let order: OrderFacts | null = null;
    if (number) {
      order = await orderByNumber(ctx, number);
      if (order && !codesMatch(code, order.pickup_code ?? '')) order = null;
    } else {
      const hit = (await ctx.db(O.order).where({ pickup_location_id: locationId, pickup_code: code, status: 'open' }).orderBy('id', 'desc').first('id')) as { id: string } | undefined;
      if (hit) order = await orderFacts(ctx, hit.id);
    }
    if (!order || order.pickup_location_id !== locationId) return null;
    requireFulfillmentAccess(ctx, P.Read, { locationId, platformId: order.platform_id });
    const fulfillments = (await this.sync.live(ctx, order.id)).filter((f) => f.mode === 'pickup' && f.location_id === locationId);
    return { orderId: order.id, orderNumber: order.number, fulfillments: fulfillments.map(toFulfillment) };
  }

  private async loadPickup(trx: Ctx, id: string): Promise<FulfillmentRow> {
    const row = await loadFulfillment(trx, id);
    requireFulfillmentAccess(trx, P.Manage, { locationId: row.location_id, platformId: row.platform_id });
    if (row.mode !== 'pickup') throw errors.conflict(`Fulfillment ${id} is shipped, not picked up`, 'FULFILLMENT_NOT_PICKUP');
    return row;
  }
}
