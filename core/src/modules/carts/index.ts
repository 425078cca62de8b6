import { z } from 'zod';
import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { OrderPlacementToken, type OrderPlacement } from '../orders/order-placement.types.js';
import { abandonCartsJob } from './abandon-carts.job.js';
import { CartAdjusters } from './cart-adjusters.js';
import { cartAdminGraphQL } from './cart.admin.graphql.js';
import { CartCheckout } from './cart-checkout.js';
import { CartDeliveryService } from './cart-delivery.js';
import { cartChannelGraphQL } from './cart.graphql.js';
import { cartMigrations, CartTables } from './cart.migrations.js';
import { CartPlacement } from './cart-placement.js';
import { CartPricer } from './cart-pricer.js';
import { CartService } from './cart.service.js';
import { CartTokens } from './cart.tokens.js';
import { CheckoutSettingsService } from './checkout-settings.js';
import { DraftOrders } from './draft-orders.js';

export { CartAdjusters, type CartAdjuster, type CartSnapshot } from './cart-adjusters.js';
export { CartService, cartReference, type CartView } from './cart.service.js';
export { CartCheckout } from './cart-checkout.js';
export { CartPlacement, type PlaceResult } from './cart-placement.js';
export { CartDeliveryService, type DeliveryOptions, type PickupOption, type ShippingOption, type OrderAheadOption } from './cart-delivery.js';
export { CheckoutSettingsService, type CheckoutSettings } from './checkout-settings.js';
export { DraftOrders } from './draft-orders.js';
export { CartTables } from './cart.migrations.js';
export { spread } from './cart-totals.js';
export { queuedReadyAt } from './pickup-queue.js';
export type { Cart, CartLine, CartAdjustment, CartTaxLine, CartDelivery, CartStatus } from './cart.records.js';

/** Options of the carts module. */
export const cartConfigSchema = z.object({
  /** The storefront's base URL for draft-order payment links (a platform's checkout setting overrides it). */
  storefrontUrl: z.string().url().default('http://localhost:5173'),
});

/**
 * Carts and checkout on every platform: priced carts (tax per line, adjusters for
 * promotions, shipping), delivery options (ship, pickup with a queue-aware ready time, order
 * ahead slots), stock holds at checkout, placeOrder with payment and compensation, checkout
 * settings per platform and draft orders. See docs/orders.md ("Carts and checkout").
 */
export const cartsModule = definePlugin({
  name: 'core.carts',
  version: PLAZA_VERSION,
  description: 'Carts and checkout on every platform',
  requires: ['core.orders', 'core.catalog', 'core.pricing', 'core.tax', 'core.shipping', 'core.inventory', 'core.pickup-slots', 'core.payments', 'core.customers', 'core.notifications'],
  configSchema: cartConfigSchema,
  migrations: cartMigrations,
  jobs: [abandonCartsJob],
  customerData: [{ table: CartTables.cart, customerColumn: 'customer_id', label: 'carts', onMerge: 'repoint', onErase: 'anonymise', personal: { email: 'null', phone: 'null', shipping_address: 'null', billing_address: 'null' } }],
  graphql: { channel: cartChannelGraphQL, admin: cartAdminGraphQL },
  register({ container, config }) {
    const orders: OrderPlacement = {
      place: (trx, input) => container.resolve(OrderPlacementToken).place(trx, input),
      byIdempotencyKey: (ctx, platformId, key) => container.resolve(OrderPlacementToken).byIdempotencyKey(ctx, platformId, key),
    };
    container.registerInstance(CartTokens.Orders, orders);
    container.registerInstance(CartTokens.StorefrontUrl, config.storefrontUrl);
    container.registerInstance(CartAdjusters, new CartAdjusters());
    container.registerInstance(CheckoutSettingsService, new CheckoutSettingsService());
    container.registerSingleton(CartPricer);
    container.registerSingleton(CartService);
    container.registerSingleton(CartDeliveryService);
    container.registerSingleton(CartCheckout);
    container.registerSingleton(CartPlacement);
    container.registerSingleton(DraftOrders);
  },
  exports: [CartService, CartCheckout, CartPlacement, CartAdjusters, CheckoutSettingsService],
});
