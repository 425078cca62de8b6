import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { SourcingStrategyToken, type SourcingStrategy } from '../inventory/index.js';
import { LocationService, openingState, type PlatformLocationLink } from '../inventory/locations/index.js';
import { PickupSlotService, type PickupSlot } from '../pickup-slots/index.js';
import { CartPricer } from './cart-pricer.js';
import { deliveryInput, type DeliveryInput } from './cart.inputs.js';
import type { Cart, CartDelivery, CartLine } from './cart.records.js';
import { CartService, type CartView } from './cart.service.js';
import { pickupQueues, queuedReadyAt } from './pickup-queue.js';

/** A shipping method on offer. */
export interface ShippingOption {
  methodId: string;
  code: string;
  name: string;
  price: number;
  minDays: number | null;
  maxDays: number | null;
}

/** A store the whole cart can be collected from, and when. */
export interface PickupOption {
  locationId: string;
  name: string;
  readyAt: Date | null;
  openNow: boolean;
  nextOpensAt: Date | null;
  preparationMinutes: number;
  queued: number;
}

/** A store taking order-ahead pickups, with its slots that have room. */
export interface OrderAheadOption {
  locationId: string;
  name: string;
  slots: PickupSlot[];
}

/** Every way the cart can reach the customer now. */
export interface DeliveryOptions {
  ship: ShippingOption[];
  pickup: PickupOption[];
  orderAhead: OrderAheadOption[];
}

/**
 * Delivery options (computed on read) and the delivery choice. Pickup locations are the
 * platform's active, pickup-enabled locations whose stock serves the WHOLE cart (sourcing in
 * `pickup` mode), with a ready-at estimate that accounts for the pickup queue there
 * (see pickup-queue.ts); order-ahead locations are those with bookable slots left.
 */
@injectable()
export class CartDeliveryService {
  constructor(
    @inject(CartService) private readonly carts: CartService,
    @inject(CartPricer) private readonly pricer: CartPricer,
    @inject(LocationService) private readonly locations: LocationService,
    @inject(PickupSlotService) private readonly slots: PickupSlotService,
    @inject(SourcingStrategyToken) private readonly sourcing: SourcingStrategy,
  ) {}

  /** Shipping, pickup and order-ahead options of a cart. */
  async options(ctx: Ctx, cart: Cart, lines: readonly CartLine[]): Promise<DeliveryOptions> {
    const [ship, pickup, orderAhead] = await Promise.all([this.shipOptions(ctx, cart, lines), this.pickupOptions(ctx, cart, lines), this.orderAheadOptions(ctx, cart, lines)]);
    return { ship, pickup, orderAhead };
  }

  /** Chooses how the cart is delivered (validated against the options now); releases a stock hold. */
  async set(ctx: Ctx, cartId: string, raw: DeliveryInput): Promise<CartView> {
    const input = parseInput(deliveryInput, raw, 'delivery', 'CART_DELIVERY_INVALID', 'input');
    return this.carts.mutate(ctx, cartId, async (cart, lines) => {
      const delivery: CartDelivery = { mode: input.mode, shippingMethodId: null, shippingMethodCode: null, shippingMethodName: null, locationId: null, locationName: null, readyAt: null, slotStart: null, slotEnd: null };
      if (input.mode === 'ship') {
        if (!cart.shippingAddress) throw errors.badInput('Set a shipping address first', [{ path: 'input.shippingMethodId', message: 'needs a shipping address' }], 'CART_ADDRESS_REQUIRED');
        const option = (await this.shipOptions(ctx, cart, lines)).find((o) => o.methodId === input.shippingMethodId);
        if (!option) throw errors.badInput('That shipping method is not offered for this address', [{ path: 'input.shippingMethodId', message: 'is not offered for this cart' }], 'SHIPPING_METHOD_UNAVAILABLE');
        Object.assign(delivery, { shippingMethodId: option.methodId, shippingMethodCode: option.code, shippingMethodName: option.name });
      } else if (input.mode === 'pickup') {
        const option = (await this.pickupOptions(ctx, cart, lines)).find((o) => o.locationId === input.locationId);
        if (!option) throw errors.badInput('This store cannot serve the whole cart for pickup', [{ path: 'input.locationId', message: 'is not a pickup option for this cart' }], 'PICKUP_LOCATION_UNAVAILABLE');
        Object.assign(delivery, { locationId: option.locationId, locationName: option.name, readyAt: option.readyAt?.toISOString() ?? null });
      } else {
        const option = (await this.orderAheadOptions(ctx, cart, lines)).find((o) => o.locationId === input.locationId);
        if (!option) throw errors.badInput('This store takes no order-ahead pickups for this cart', [{ path: 'input.locationId', message: 'is not an order-ahead option for this cart' }], 'PICKUP_LOCATION_UNAVAILABLE');
        const slot = option.slots.find((s) => s.start.getTime() === input.slotStart!.getTime());
        if (!slot) throw new PlazaError('BAD_USER_INPUT', 'That slot is not available; choose another', { reason: 'SLOT_UNAVAILABLE', fields: [{ path: 'input.slotStart', message: 'is not an available slot' }] });
        Object.assign(delivery, { locationId: option.locationId, locationName: option.name, readyAt: slot.start.toISOString(), slotStart: slot.start.toISOString(), slotEnd: slot.end.toISOString() });
      }
      cart.delivery = delivery;
      return { lines, releasesHold: true };
    });
  }

  private async shipOptions(ctx: Ctx, cart: Cart, lines: readonly CartLine[]): Promise<ShippingOption[]> {
    const quotes = await this.pricer.quotes(ctx, cart, lines);
    return quotes.map((q) => ({ methodId: q.methodId, code: q.code, name: q.name, price: q.amount, minDays: q.estimate.minDays, maxDays: q.estimate.maxDays }));
  }

  private async pickupLinks(ctx: Ctx, cart: Cart, lines: readonly CartLine[]): Promise<PlatformLocationLink[]> {
    const links = (await this.locations.platformLocations(ctx, cart.platformId)).filter((l) => l.location.status === 'active' && l.location.pickupEnabled);
    if (lines.length === 0) return links;
    const sourcingLines = lines.map((l) => ({ key: l.id, variantId: l.variantId, quantity: l.quantity }));
    const plans = await Promise.all(links.map((l) => this.sourcing.plan(ctx, { platformId: cart.platformId, lines: sourcingLines, mode: 'pickup', pickupLocationId: l.locationId })));
    return links.filter((_, i) => plans[i]!.complete);
  }

  private async pickupOptions(ctx: Ctx, cart: Cart, lines: readonly CartLine[]): Promise<PickupOption[]> {
    const links = await this.pickupLinks(ctx, cart, lines);
    const queues = await pickupQueues(ctx, links.map((l) => l.locationId));
    const now = this.locations.now();
    return links.map(({ location }) => {
      const state = openingState(location.openingHours, location.timeZone, now);
      const queued = queues.get(location.id) ?? 0;
      return { locationId: location.id, name: location.name, readyAt: queuedReadyAt(location, queued, now), openNow: state.openNow, nextOpensAt: state.nextOpensAt, preparationMinutes: location.preparationMinutes, queued };
    });
  }

  private async orderAheadOptions(ctx: Ctx, cart: Cart, lines: readonly CartLine[]): Promise<OrderAheadOption[]> {
    const links = await this.pickupLinks(ctx, cart, lines);
    const options = await Promise.all(
      links.map(async ({ location }) => ({ locationId: location.id, name: location.name, slots: (await this.slots.slots(ctx, location.id)).filter((s) => s.available > 0) })),
    );
    return options.filter((o) => o.slots.length > 0);
  }
}
