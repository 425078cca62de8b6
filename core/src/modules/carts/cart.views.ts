import type { Ctx } from '../../kernel/context.js';
import type { PluginScope } from '../../kernel/plugin.js';
import { OrderService } from '../orders/index.js';
import { CartDeliveryService } from './cart-delivery.js';
import type { PlaceResult } from './cart-placement.js';
import type { CartView } from './cart.service.js';

const upper = (v: string) => v.toUpperCase();

/** Field resolvers of the types both APIs share (Cart, PlaceOrderResult). */
export function sharedCartResolvers(scope: PluginScope) {
  return {
    Cart: {
      status: (c: CartView) => upper(c.status),
      delivery: (c: CartView) => {
        const d = c.delivery;
        if (!d) return null;
        return {
          mode: upper(d.mode),
          shippingMethod: d.shippingMethodId ? { id: d.shippingMethodId, code: d.shippingMethodCode, name: d.shippingMethodName, price: c.shippingTotal } : null,
          pickupLocation: d.locationId ? { id: d.locationId, name: d.locationName } : null,
          readyAt: d.readyAt ? new Date(d.readyAt) : null,
          slotStart: d.slotStart ? new Date(d.slotStart) : null,
          slotEnd: d.slotEnd ? new Date(d.slotEnd) : null,
        };
      },
      deliveryOptions: (c: CartView, _: unknown, ctx: Ctx) => scope.container.resolve(CartDeliveryService).options(ctx, c, c.lines),
      checkout: (c: CartView) => (c.status === 'checking_out' || c.reservedUntil ? { reservedUntil: c.reservedUntil, status: upper(c.status) } : null),
    },
    PlaceOrderResult: {
      // The caller proved its right to the order with the cart and the idempotency key.
      order: (r: PlaceResult, _: unknown, ctx: Ctx) => (r.orderId ? scope.container.resolve(OrderService).load(ctx, r.orderId) : null),
    },
  };
}
