import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { lazyAuditLog } from '../platforms/platform.tokens.js';
import { OrderCancellation } from './order-cancellation.js';
import { OrderEdits } from './order-edits.js';
import { orderEvents } from './order.events.js';
import { orderAdminGraphQL, orderChannelGraphQL } from './order.graphql.js';
import { OrderHooks } from './order-hooks.js';
import { orderMigrations, OrderTables } from './order.migrations.js';
import { OrderNumbers } from './order-numbers.js';
import { OrderPayments } from './order-payments.js';
import { orderPermissions } from './order.permissions.js';
import { OrderPlacementService } from './order-placement.js';
import { OrderPlacementToken } from './order-placement.types.js';
import { OrderService } from './order.service.js';
import { orderSubscribers } from './order.subscribers.js';
import { OrderTokens } from './order.tokens.js';

export { OrderService, type OrderFilter } from './order.service.js';
export { OrderPlacementService, OrderPlacementService as OrderPlacement, newPickupCode, hashAccessToken, formatAmount, checkTotals } from './order-placement.js';
export { OrderHooks } from './order-hooks.js';
export { OrderTables } from './order.migrations.js';
export { OrderNumbers, defaultPrefix, formatNumber } from './order-numbers.js';
export { OrderPayments, paymentFigures, type AddOrderPaymentInput, type PaymentFigures } from './order-payments.js';
export { OrderCancellation, pickCancelTransition } from './order-cancellation.js';
export { OrderEdits, type EditOrderInput } from './order-edits.js';
export { OrderPermission, orderPermissions } from './order.permissions.js';
export { orderPlaced, orderCancelled, orderEdited, orderPaymentUpdated } from './order.events.js';
export { statusOfInstance } from './order-sync.js';
export { OrderPlacementToken } from './order-placement.types.js';
export type {
  DeliveryMode,
  OrderAddress,
  PlaceOrderLine,
  PlaceOrderAdjustment,
  PlaceOrderDelivery,
  PlaceOrderInput,
  PlacedOrder,
  PlacedOrderView,
  OrderHook,
} from './order-placement.types.js';
export type { Order, OrderLine, OrderAdjustment, OrderStatus, OrderPaymentStatus } from './order.records.js';

/**
 * The one order book of every platform: orders written by checkout, draft orders, POS and
 * imports through {@link OrderPlacementToken}, numbered per platform, moved by their process
 * (state kept in sync), paid with split tenders, cancelled (restock + refund) and edited
 * before fulfillment. See docs/orders.md.
 */
export const ordersModule = definePlugin({
  name: 'core.orders',
  version: PLAZA_VERSION,
  description: 'The one order book of every platform',
  requires: ['core.processes', 'core.payments', 'core.customers', 'core.inventory', 'core.notifications', 'core.pickup-slots'],
  migrations: orderMigrations,
  permissions: orderPermissions,
  events: orderEvents,
  subscribers: orderSubscribers,
  customerData: [
    {
      table: OrderTables.order,
      customerColumn: 'customer_id',
      label: 'orders',
      onMerge: 'repoint',
      onErase: 'anonymise',
      personal: { email: 'null', phone: 'null', shipping_address: 'empty_object', billing_address: 'empty_object', note: 'null' },
      lookupColumn: 'number',
      exportExclude: ['access_token_hash', 'idempotency_key'],
    },
  ],
  graphql: { admin: orderAdminGraphQL, channel: orderChannelGraphQL },
  register({ container }) {
    container.registerInstance(OrderTokens.Audit, lazyAuditLog(container));
    // One hook registry per Plaza (not the process-wide singleton), so two Plazas in one process never share hooks.
    container.registerInstance(OrderHooks, new OrderHooks());
    container.registerSingleton(OrderNumbers);
    container.registerSingleton(OrderPlacementService);
    container.register(OrderPlacementToken, { useToken: OrderPlacementService });
    container.registerSingleton(OrderService);
    container.registerSingleton(OrderPayments);
    container.registerSingleton(OrderCancellation);
    container.registerSingleton(OrderEdits);
  },
  exports: [OrderService, OrderPlacementService, OrderPlacementToken, OrderHooks, OrderPayments, OrderCancellation, OrderEdits],
});
