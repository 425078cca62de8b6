import { createHash, randomBytes, randomInt } from 'node:crypto';
import { inject, injectable } from 'tsyringe';
import { toJson } from '../../db/json-column.js';
import { SYSTEM_ACTOR, type Ctx } from '../../kernel/context.js';
import { errors, type PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { InventoryService } from '../inventory/index.js';
import { LocationTables } from '../inventory/locations/location.migrations.js';
import { formatMoney } from '../pricing/money.js';
import { ProcessService } from '../processes/index.js';
import { OrderHooks } from './order-hooks.js';
import { OrderNumbers } from './order-numbers.js';
import type { OrderPlacement, PlacedOrder, PlaceOrderInput } from './order-placement.types.js';
import { OrderTables as T } from './order.migrations.js';
import type { LineRow, OrderRow } from './order.records.js';
import { statusOfInstance } from './order-sync.js';

/** Letters and digits nobody confuses (no 0/O, 1/I/L). */
const PICKUP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A 6-character pickup code from an unambiguous alphabet. */
export function newPickupCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)];
  return code;
}

/** The sha256 (hex) a guest access token is stored as. */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The customer-facing amount of an order, e.g. "€12.50". */
export function formatAmount(amount: number, currency: string, locale?: string | null): string {
  try {
    return formatMoney({ amount, currency }, locale ?? 'en');
  } catch {
    return formatMoney({ amount, currency }, 'en');
  }
}

/** A context for writes the orders module makes on the system's behalf, on the caller's handle. */
export function systemOn(ctx: Ctx): Ctx {
  return { ...ctx, actor: SYSTEM_ACTOR, api: 'system' };
}

function mismatch(message: string, path: string): PlazaError {
  return errors.badInput(message, [{ path, message }], 'ORDER_TOTALS_MISMATCH');
}

/** Checks that the totals of a placement add up; BAD_USER_INPUT ORDER_TOTALS_MISMATCH otherwise. */
export function checkTotals(input: PlaceOrderInput): void {
  if (input.lines.length === 0) throw errors.badInput('An order needs at least one line', [{ path: 'lines', message: 'must not be empty' }], 'ORDER_EMPTY');
  for (const [i, line] of input.lines.entries()) {
    const amounts = [line.unitPrice, line.discount, line.net, line.tax, line.total];
    if (!Number.isInteger(line.quantity) || line.quantity <= 0 || amounts.some((a) => !Number.isInteger(a))) {
      throw errors.badInput('Quantities and amounts are whole numbers (minor units)', [{ path: `lines.${i}`, message: 'quantities must be positive integers and amounts integers' }], 'ORDER_INPUT_INVALID');
    }
    if (line.net + line.tax !== line.total) throw mismatch(`Line ${i}: net + tax must equal total`, `lines.${i}.total`);
  }
  const lineTotal = input.lines.reduce((s, l) => s + l.total, 0);
  const lineTax = input.lines.reduce((s, l) => s + l.tax, 0);
  if (lineTotal + input.delivery.shippingTotal !== input.total) throw mismatch('The line totals plus shipping must equal the total', 'total');
  if (lineTax + input.delivery.shippingTax !== input.taxTotal) throw mismatch('The line taxes plus shipping tax must equal the tax total', 'taxTotal');
  if (input.shippingTotal !== input.delivery.shippingTotal) throw mismatch('shippingTotal must equal delivery.shippingTotal', 'shippingTotal');
}

/**
 * Writes orders ({@link OrderPlacement}): in the caller's transaction, replaying an idempotency
 * key to the order it placed. Kept lean (the checkout benchmark places many orders a second):
 * no reload after insert; the process starts before the order row so one insert carries the
 * state the process landed in.
 */
@injectable()
export class OrderPlacementService implements OrderPlacement {
  constructor(
    @inject(OrderNumbers) private readonly numbers: OrderNumbers,
    @inject(ProcessService) private readonly processes: ProcessService,
    @inject(InventoryService) private readonly inventory: InventoryService,
    @inject(OrderHooks) private readonly hooks: OrderHooks,
    @inject(Tokens.EventBus) private readonly events: EventBus,
  ) {}

  async place(trx: Ctx, input: PlaceOrderInput): Promise<PlacedOrder> {
    checkTotals(input);
    const replay = await this.byIdempotencyKey(trx, input.platformId, input.idempotencyKey);
    if (replay) return replay;
    const system = systemOn(trx);
    const number = await this.numbers.allocate(trx, input.platformId);
    const mode = input.delivery.mode;
    const pickupCode = mode === 'pickup' || mode === 'order_ahead' ? newPickupCode() : null;
    const pickupLocationId = input.delivery.pickupLocationId ?? null;
    const locationName = pickupLocationId
      ? ((await trx.db(LocationTables.location).where('id', pickupLocationId).first('name')) as { name: string } | undefined)?.name ?? null
      : null;
    if (input.reservationReference) await this.inventory.commit(system, { reference: input.reservationReference });
    const amount = formatAmount(input.total, input.currency, input.locale);
    const instance = await this.processes.start(system, {
      kind: 'order',
      mode,
      subjectId: input.orderId,
      platformId: input.platformId,
      customerId: input.customerId,
      data: { orderNumber: number, reference: number, amount, total: input.total, currency: input.currency, paymentStatus: input.paymentStatus, pickupCode, locationName, mode },
    });
    const accessToken = `pzo_${randomBytes(24).toString('base64url')}`;
    const now = Date.now();
    const row: OrderRow = {
      id: input.orderId,
      platform_id: input.platformId,
      number,
      external_reference: input.externalReference ?? null,
      customer_id: input.customerId,
      email: input.email?.trim().toLowerCase() || null,
      phone: input.phone ?? null,
      currency: input.currency,
      locale: input.locale ?? null,
      prices_include_tax: input.pricesIncludeTax,
      mode,
      status: statusOfInstance(instance),
      state: instance.state,
      payment_status: input.paymentStatus,
      subtotal: input.subtotal,
      discount_total: input.discountTotal,
      tax_total: input.taxTotal,
      shipping_total: input.shippingTotal,
      total: input.total,
      paid_total: input.paymentStatus === 'paid' ? input.total : 0,
      refunded_total: 0,
      shipping_method_id: input.delivery.shippingMethodId ?? null,
      shipping_method_code: input.delivery.shippingMethodCode ?? null,
      pickup_location_id: pickupLocationId,
      ready_at: input.delivery.readyAt?.getTime() ?? null,
      slot_start: input.delivery.slotStart?.getTime() ?? null,
      slot_end: input.delivery.slotEnd?.getTime() ?? null,
      pickup_code: pickupCode,
      shipping_address: toJson(input.shippingAddress ?? {}),
      billing_address: toJson(input.billingAddress ?? {}),
      note: input.note ?? null,
      tags: toJson(input.tags ?? []),
      sold_by_staff_id: input.soldByStaffId ?? null,
      sold_at_location_id: input.soldAtLocationId ?? null,
      cart_id: input.cartId ?? null,
      process_instance_id: instance.id,
      idempotency_key: input.idempotencyKey,
      access_token_hash: hashAccessToken(accessToken),
      placed_at: now,
      updated_at: now,
      cancelled_at: null,
    };
    await trx.db(T.order).insert(row);
    const lineIdOf = new Map<string, string>();
    const lines: LineRow[] = input.lines.map((l, position) => {
      const id = newId('oln');
      if (l.sourceLineId) lineIdOf.set(l.sourceLineId, id);
      return {
        id,
        order_id: input.orderId,
        source_line_id: l.sourceLineId ?? null,
        variant_id: l.variantId,
        product_id: l.productId,
        sku: l.sku,
        title: l.title,
        quantity: l.quantity,
        unit_price: l.unitPrice,
        compare_at_price: l.compareAtPrice ?? null,
        discount: l.discount,
        tax_category: l.taxCategory,
        tax_rate_bp: l.taxRateBp,
        net: l.net,
        tax: l.tax,
        total: l.total,
        location_id: l.locationId,
        fulfilled_quantity: 0,
        cancelled_quantity: 0,
        position,
      };
    });
    await trx.db(T.line).insert(lines);
    if (input.adjustments?.length) {
      await trx.db(T.adjustment).insert(
        input.adjustments.map((a) => ({ id: newId('oadj'), order_id: input.orderId, source: a.source, code: a.code, label: a.label, amount: a.amount, line_id: a.lineKey ? (lineIdOf.get(a.lineKey) ?? a.lineKey) : null })),
      );
    }
    const locationId = pickupLocationId ?? input.lines[0]!.locationId;
    const lineViews = lines.map((l) => ({ id: l.id, variantId: l.variant_id, quantity: Number(l.quantity), locationId: l.location_id }));
    await this.events.publish(
      trx,
      'order.placed',
      { orderId: input.orderId, number, platformId: input.platformId, customerId: input.customerId, total: input.total, currency: input.currency, mode, locationId, lines: lineViews.map(({ variantId, quantity, locationId: at }) => ({ variantId, quantity, locationId: at })) },
      { platformId: input.platformId },
    );
    const placed: PlacedOrder = { id: input.orderId, number, platformId: input.platformId, customerId: input.customerId, total: input.total, currency: input.currency, processInstanceId: instance.id, replayed: false, accessToken };
    await this.hooks.afterPlace(trx, { ...placed, mode, pickupLocationId, lines: lineViews });
    return placed;
  }

  async byIdempotencyKey(ctx: Ctx, platformId: string, key: string): Promise<PlacedOrder | null> {
    const row = (await ctx.db(T.order).where({ platform_id: platformId, idempotency_key: key }).first('id', 'number', 'platform_id', 'customer_id', 'total', 'currency', 'process_instance_id')) as
      | Pick<OrderRow, 'id' | 'number' | 'platform_id' | 'customer_id' | 'total' | 'currency' | 'process_instance_id'>
      | undefined;
    if (!row) return null;
    return { id: row.id, number: row.number, platformId: row.platform_id, customerId: row.customer_id, total: Number(row.total), currency: row.currency, processInstanceId: row.process_instance_id ?? '', replayed: true };
  }
}
