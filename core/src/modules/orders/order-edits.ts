import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import { fromJson } from '../../db/json-column.js';
import { inTransaction } from '../../db/transaction.js';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { CatalogTables } from '../catalog/catalog.tables.js';
import { InventoryService, SourcingStrategyToken, type SourcingStrategy } from '../inventory/index.js';
import { PaymentService } from '../payments/index.js';
import { LocationTables } from '../inventory/locations/location.migrations.js';
import { VariantPriceResolver } from '../pricing/index.js';
import { ProcessService, ProcessTables } from '../processes/index.js';
import { TaxService } from '../tax/index.js';
import type { TaxCategory } from '../tax/tax-engine.js';
import { OrderPayments, paymentFigures } from './order-payments.js';
import { formatAmount, systemOn } from './order-placement.js';
import { OrderTables as T } from './order.migrations.js';
import { OrderPermission as P } from './order.permissions.js';
import { toLine, toOrder, type LineRow, type Order, type OrderLine, type OrderRow } from './order.records.js';
import { OrderTokens } from './order.tokens.js';

/** Lines to add, change and remove. */
export interface EditOrderInput {
  add?: { variantId: string; quantity: number; locationId?: string | null }[] | null;
  change?: { lineId: string; quantity: number }[] | null;
  remove?: string[] | null;
}

const qty = z.number().int('must be a whole number').min(1, 'must be at least 1').max(999, 'must be at most 999');
const editSchema = z.object({
  add: z.array(z.object({ variantId: z.string().min(1).max(64), quantity: qty, locationId: z.string().max(64).nullish() })).max(50).nullish(),
  change: z.array(z.object({ lineId: z.string().min(1).max(64), quantity: qty })).max(200).nullish(),
  remove: z.array(z.string().min(1).max(64)).max(200).nullish(),
});
const keySchema = z.string().min(8, 'must be at least 8 characters').max(60, 'must be at most 60 characters');

/** A line as it will be after the edit (existing id or a new one). */
interface Draft {
  id: string;
  existing: OrderLine | null;
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: number;
  compareAtPrice: number | null;
  discount: number;
  taxCategory: string;
  locationId: string;
}

/**
 * Edits orders before fulfillment (`orders.edit`): lines added (priced for the platform, taxed
 * for the order's destination, stock reserved and committed at the sourced location), changed
 * and removed (units restocked). Totals are recomputed (shipping unchanged); a lower total than
 * what was paid is refunded after commit (newest captured payments first); a higher one leaves
 * a balance due. Idempotent per (order, key): the same key returns the order without editing again.
 */
@injectable()
export class OrderEdits {
  constructor(
    @inject(InventoryService) private readonly inventory: InventoryService,
    @inject(SourcingStrategyToken) private readonly sourcing: SourcingStrategy,
    @inject(VariantPriceResolver) private readonly prices: VariantPriceResolver,
    @inject(TaxService) private readonly tax: TaxService,
    @inject(ProcessService) private readonly processes: ProcessService,
    @inject(OrderPayments) private readonly payments: OrderPayments,
    @inject(PaymentService) private readonly paymentService: PaymentService,
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(OrderTokens.Audit) private readonly audit: AuditLog,
  ) {}

  async edit(ctx: Ctx, orderId: string, raw: EditOrderInput, rawKey: string, expectedSeq: number | null): Promise<Order> {
    const input = parseInput(editSchema, raw, 'order edit', 'ORDER_EDIT_INVALID');
    const key = parseInput(keySchema, rawKey, 'idempotency key', 'ORDER_EDIT_INVALID', 'idempotencyKey');
    const first = await this.loadOrder(ctx, orderId);
    requirePermission(ctx, P.Edit, { platformId: first.platformId });
    const purpose = `edit:${key}`;
    const result = await inTransaction(ctx, async (trx) => {
      const done = await trx.db(T.edit).where({ order_id: orderId, idempotency_key: key }).first('id');
      if (done) return null;
      const order = await this.loadOrder(trx, orderId);
      if (order.status !== 'open') throw errors.conflict(`This order is ${order.status}; only open orders can be edited`, 'ORDER_NOT_EDITABLE');
      if (expectedSeq !== null && order.processInstanceId) {
        const seq = (await trx.db(ProcessTables.instance).where('id', order.processInstanceId).first('seq')) as { seq: number | string } | undefined;
        if (seq && Number(seq.seq) !== expectedSeq) throw new PlazaError('CONFLICT', 'The order moved on since you loaded it; reload and try again', { reason: 'STALE_ORDER' });
      }
      const lines = ((await trx.db(T.line).where('order_id', orderId).orderBy('position')) as LineRow[]).map(toLine);
      const drafts = await this.plan(trx, order, lines, input);
      const after = await this.apply(trx, order, lines, drafts);
      await trx.db(T.edit).insert({ id: newId('oed'), order_id: orderId, idempotency_key: key, total_before: order.total, total_after: after.total, created_at: Date.now() });
      await this.events.publish(trx, 'order.edited', {
        orderId, number: order.number, platformId: order.platformId, customerId: order.customerId, totalBefore: order.total, totalAfter: after.total, currency: order.currency,
        added: input.add?.length ?? 0, changed: input.change?.length ?? 0, removed: input.remove?.length ?? 0,
      }, { platformId: order.platformId });
      await this.audit.record(trx, { action: 'order.edit', entityType: 'order', entityId: orderId, platformId: order.platformId, before: { total: order.total }, after: { total: after.total, add: input.add ?? [], change: input.change ?? [], remove: input.remove ?? [] } });
      if (order.processInstanceId) {
        await this.processes.updateData(systemOn(trx), order.processInstanceId, { total: after.total, amount: formatAmount(after.total, order.currency, order.locale), paymentStatus: after.paymentStatus });
      }
      return after;
    });
    const current = await this.loadOrder(ctx, orderId);
    if (!result) return current;
    const overpaid = current.paidTotal - current.refundedTotal - current.total;
    if (overpaid > 0) await this.payments.refund(ctx, orderId, overpaid, purpose, 'Order edited');
    return (await this.payments.recompute(ctx, orderId)) ?? current;
  }

  /** The lines after the edit: validates touched lines, prices and sources added ones. */
  private async plan(trx: Ctx, order: Order, lines: OrderLine[], input: z.output<typeof editSchema>): Promise<Draft[]> {
    const byId = new Map(lines.map((l) => [l.id, l]));
    const touched = [...(input.change ?? []).map((c, i) => ({ id: c.lineId, path: `change.${i}.lineId` })), ...(input.remove ?? []).map((id, i) => ({ id, path: `remove.${i}` }))];
    for (const t of touched) {
      const line = byId.get(t.id);
      if (!line || line.cancelledQuantity >= line.quantity) throw errors.badInput(`Line ${t.id} is not a line of this order`, [{ path: t.path, message: 'is not an open line of this order' }], 'ORDER_LINE_UNKNOWN');
      if (line.fulfilledQuantity > 0) throw errors.conflict(`Line ${line.sku} is already (partly) fulfilled`, 'ORDER_NOT_EDITABLE');
    }
    const removed = new Set(input.remove ?? []);
    const changed = new Map((input.change ?? []).map((c) => [c.lineId, c.quantity]));
    const drafts: Draft[] = lines
      .filter((l) => !removed.has(l.id) && l.cancelledQuantity < l.quantity)
      .map((l) => {
        const quantity = changed.get(l.id) ?? l.quantity - l.cancelledQuantity;
        const discount = changed.has(l.id) ? Math.floor((l.discount * quantity) / l.quantity) : l.discount;
        return { id: l.id, existing: l, variantId: l.variantId, productId: l.productId, sku: l.sku, title: l.title, quantity, unitPrice: l.unitPrice, compareAtPrice: l.compareAtPrice, discount, taxCategory: l.taxCategory, locationId: l.locationId };
      });
    const adds = input.add ?? [];
    if (adds.length === 0) return drafts;
    const prices = await this.prices.resolve(trx, { platformId: order.platformId, currency: order.currency, variantIds: adds.map((a) => a.variantId) });
    const variants = (await trx.db(CatalogTables.variant)
      .join(CatalogTables.product, `${CatalogTables.product}.id`, `${CatalogTables.variant}.product_id`)
      .whereIn(`${CatalogTables.variant}.id`, adds.map((a) => a.variantId))
      .select(`${CatalogTables.variant}.id as id`, 'product_id', 'sku', `${CatalogTables.variant}.title as vtitle`, `${CatalogTables.product}.title as ptitle`)) as { id: string; product_id: string; sku: string; vtitle: string; ptitle: string }[];
    const variantOf = new Map(variants.map((v) => [v.id, v]));
    const unsourced = adds.map((a, i) => ({ a, i })).filter(({ a }) => !a.locationId);
    const plan = unsourced.length
      ? await this.sourcing.plan(trx, { platformId: order.platformId, lines: unsourced.map(({ a, i }) => ({ key: String(i), variantId: a.variantId, quantity: a.quantity })), mode: order.mode === 'ship' ? 'ship' : 'pickup', pickupLocationId: order.pickupLocationId })
      : null;
    for (const [i, a] of adds.entries()) {
      const price = prices[i];
      const variant = variantOf.get(a.variantId);
      if (!price || !variant) throw errors.badInput(`Variant ${a.variantId} is not sold on this platform`, [{ path: `add.${i}.variantId`, message: 'is not available on this platform' }], 'VARIANT_NOT_AVAILABLE');
      const assigned = plan?.assignments.filter((s) => s.key === String(i)) ?? [];
      const locationId = a.locationId ?? (assigned.length === 1 ? assigned[0]!.locationId : null);
      if (!locationId) throw new PlazaError('OUT_OF_STOCK', `Not enough stock of ${variant.sku} at one location`, { reason: 'INSUFFICIENT_STOCK', details: { lines: [{ variantId: a.variantId, requested: a.quantity }] } });
      drafts.push({ id: newId('oln'), existing: null, variantId: a.variantId, productId: variant.product_id, sku: variant.sku, title: `${variant.ptitle}${variant.vtitle ? ` — ${variant.vtitle}` : ''}`, quantity: a.quantity, unitPrice: price.amount, compareAtPrice: price.compareAtAmount, discount: 0, taxCategory: 'standard', locationId });
    }
    return drafts;
  }

  /** Moves stock, rewrites the lines and the order's totals; returns the new figures. */
  private async apply(trx: Ctx, order: Order, lines: OrderLine[], drafts: Draft[]): Promise<{ total: number; paymentStatus: string }> {
    const system = systemOn(trx);
    const reference = { type: 'order', id: order.id };
    const kept = new Set(drafts.map((d) => d.id));
    // Units leaving the order go back on the shelf; units joining it are reserved then sold.
    for (const line of lines) {
      const open = line.quantity - line.cancelledQuantity;
      const draft = drafts.find((d) => d.id === line.id);
      const back = !kept.has(line.id) ? open : draft && draft.quantity < open ? open - draft.quantity : 0;
      if (back > 0 && open > 0) await this.inventory.restock(system, { variantId: line.variantId, locationId: line.locationId, quantity: back, platformId: order.platformId, reference, reason: 'Order edited' });
    }
    const take = drafts
      .map((d) => ({ d, more: d.existing ? d.quantity - (d.existing.quantity - d.existing.cancelledQuantity) : d.quantity }))
      .filter((x) => x.more > 0);
    if (take.length) {
      const held = await this.inventory.reserve(system, { platformId: order.platformId, lines: take.map(({ d, more }) => ({ variantId: d.variantId, locationId: d.locationId, quantity: more })), reference });
      await this.inventory.commit(system, { reservationIds: held.reservations.map((r) => r.id) });
    }
    // Untouched lines keep their amounts; changed and added ones are taxed for the order's destination now.
    const unchanged = (d: Draft) => d.existing !== null && d.quantity === d.existing.quantity - d.existing.cancelledQuantity && d.existing.cancelledQuantity === 0;
    const retax = drafts.filter((d) => !unchanged(d));
    const taxOf = new Map<string, { rateBp: number; net: number; tax: number }>();
    for (const d of drafts) if (unchanged(d)) taxOf.set(d.id, { rateBp: d.existing!.taxRateBp, net: d.existing!.net, tax: d.existing!.tax });
    if (retax.length) {
      const taxed = await this.tax.compute(trx, {
        lines: retax.map((d) => ({ key: d.id, amount: d.unitPrice * d.quantity - d.discount, quantity: d.quantity, taxCategory: d.taxCategory as TaxCategory })),
        pricesIncludeTax: order.pricesIncludeTax,
        currency: order.currency,
        destination: await this.destination(trx, order),
      });
      for (const l of taxed.lines) taxOf.set(l.key, l);
    }
    let position = lines.length;
    for (const d of retax) {
      const t = taxOf.get(d.id)!;
      const priced = { quantity: d.quantity, discount: d.discount, tax_rate_bp: t.rateBp, net: t.net, tax: t.tax, total: t.net + t.tax };
      if (d.existing) {
        // The line shows what the customer wants now (its units already moved above).
        await trx.db(T.line).where('id', d.id).update({ ...priced, cancelled_quantity: 0 });
      } else {
        await trx.db(T.line).insert({
          id: d.id, order_id: order.id, source_line_id: null, variant_id: d.variantId, product_id: d.productId, sku: d.sku, title: d.title, unit_price: d.unitPrice, compare_at_price: d.compareAtPrice,
          tax_category: d.taxCategory, location_id: d.locationId, fulfilled_quantity: 0, cancelled_quantity: 0, position: position++, ...priced,
        });
      }
    }
    for (const line of lines) {
      if (!kept.has(line.id) && line.cancelledQuantity < line.quantity) {
        await trx.db(T.line).where('id', line.id).update({ cancelled_quantity: line.quantity, discount: 0, net: 0, tax: 0, total: 0 });
      }
    }
    const shippingTax = order.taxTotal - lines.reduce((s, l) => s + l.tax, 0);
    const lineTotal = drafts.reduce((s, d) => s + taxOf.get(d.id)!.net + taxOf.get(d.id)!.tax, 0);
    const lineTax = drafts.reduce((s, d) => s + taxOf.get(d.id)!.tax, 0);
    const orderDiscounts = order.discountTotal - lines.reduce((s, l) => s + l.discount, 0);
    const total = lineTotal + order.shippingTotal;
    const payments = (await this.paymentService.paymentsOfOrders(trx, [order.id])).get(order.id) ?? [];
    const figures = paymentFigures(total, payments, order.paymentStatus);
    await trx.db(T.order).where('id', order.id).update({
      subtotal: drafts.reduce((s, d) => s + d.unitPrice * d.quantity, 0),
      discount_total: orderDiscounts + drafts.reduce((s, d) => s + d.discount, 0),
      tax_total: lineTax + shippingTax,
      total,
      payment_status: figures.paymentStatus,
      updated_at: Date.now(),
    });
    return { total, paymentStatus: figures.paymentStatus };
  }

  /** Where the order's goods go for tax: its shipping address, or the pickup location's address. */
  private async destination(trx: Ctx, order: Order): Promise<{ country: string; region?: string | null; postalCode?: string | null }> {
    if (order.mode === 'ship' && order.shippingAddress) return { country: order.shippingAddress.country, region: order.shippingAddress.region ?? null, postalCode: order.shippingAddress.postalCode ?? null };
    const locationId = order.pickupLocationId ?? order.soldAtLocationId;
    if (locationId) {
      const row = (await trx.db(LocationTables.location).where('id', locationId).first('address')) as { address: unknown } | undefined;
      const address = row ? fromJson<{ country?: string; region?: string; postalCode?: string } | null>(row.address) : null;
      if (address?.country) return { country: address.country, region: address.region ?? null, postalCode: address.postalCode ?? null };
    }
    if (order.shippingAddress) return { country: order.shippingAddress.country, region: order.shippingAddress.region ?? null, postalCode: order.shippingAddress.postalCode ?? null };
    throw errors.conflict('The order has no address to tax added lines for', 'ORDER_DESTINATION_UNKNOWN');
  }

  private async loadOrder(ctx: Ctx, id: string): Promise<Order> {
    const row = (await ctx.db(T.order).where('id', id).first()) as OrderRow | undefined;
    if (!row) throw errors.notFound('Order', id);
    return toOrder(row);
  }
}
