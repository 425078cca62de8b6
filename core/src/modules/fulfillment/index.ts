import { definePlugin } from '../../kernel/plugin.js';
import { lazyAuditLog } from '../../kernel/lazy-audit-log.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { OrderHooks } from '../orders/order-hooks.js';
import { FulfillmentCreation } from './fulfillment-creation.js';
import { FulfillmentProcess } from './fulfillment-process.js';
import { FulfillmentQueries } from './fulfillment-queries.js';
import { fulfillmentEvents } from './fulfillment.events.js';
import { fulfillmentAdminGraphQL, fulfillmentChannelGraphQL } from './fulfillment.graphql.js';
import { fulfillmentMigrations } from './fulfillment.migrations.js';
import { fulfillmentPermissions } from './fulfillment.permissions.js';
import { FulfillmentService } from './fulfillment.service.js';
import { FulfillmentTokens } from './fulfillment.tokens.js';
import { OrderSync } from './order-sync.js';
import { PickupService } from './pickup.service.js';
import { orderEditSync } from './order-edit.subscriber.js';
import { processSync } from './process-sync.subscriber.js';

export { FulfillmentService } from './fulfillment.service.js';
export { FulfillmentQueries, type FulfillmentFilter } from './fulfillment-queries.js';
export { PickupService, type PickupMatch } from './pickup.service.js';
export { FulfillmentTables } from './fulfillment.migrations.js';
export { FulfillmentPermission, fulfillmentPermissions } from './fulfillment.permissions.js';
export { pickupQrContent, pickupQrDataUrl, parsePickupCode } from './pickup-qr.js';
export { PICKUP_MAX_FAILURES, PICKUP_LOCK_MS } from './pickup-attempts.js';
export type { Fulfillment, FulfillmentLine, FulfillmentMode, FulfillmentStatus } from './fulfillment.records.js';

/**
 * The fulfillment module: one fulfillment per source location of every order (but carry-out
 * sales), each following the platform's fulfillment process — pick, pack, ship with tracking,
 * deliver; click & collect ready → collected against the pickup code or its QR; partial
 * fulfillment by splitting. Keeps the order's fulfilled quantities and its process in step.
 * See docs/fulfillment.md.
 */
export const fulfillmentModule = definePlugin({
  name: 'core.fulfillment',
  version: PLAZA_VERSION,
  description: 'Fulfillments per location: pick, pack, ship, pickup',
  requires: ['core.orders', 'core.processes', 'core.locations'],
  migrations: fulfillmentMigrations,
  permissions: fulfillmentPermissions,
  events: fulfillmentEvents,
  subscribers: { 'process.transitioned': processSync, 'order.edited': orderEditSync },
  graphql: { admin: fulfillmentAdminGraphQL, channel: fulfillmentChannelGraphQL },
  register({ container }) {
    container.registerInstance(FulfillmentTokens.Audit, lazyAuditLog(container));
    container.registerSingleton(FulfillmentProcess);
    container.registerSingleton(FulfillmentCreation);
    container.registerSingleton(OrderSync);
    container.registerSingleton(FulfillmentService);
    container.registerSingleton(FulfillmentQueries);
    container.registerSingleton(PickupService);
    const creation = () => container.resolve(FulfillmentCreation);
    const service = () => container.resolve(FulfillmentService);
    container.resolve(OrderHooks).register({
      name: 'core.fulfillment',
      afterPlace: (trx, order) => (order.mode === 'carry_out' ? Promise.resolve() : creation().afterPlace(trx, order)),
      afterCancel: (trx, order) => service().afterOrderCancelled(trx, order.id),
    });
  },
  exports: [FulfillmentService, FulfillmentQueries, PickupService],
});
