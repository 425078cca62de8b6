import { instanceCachingFactory } from 'tsyringe';
import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { LocationService } from './locations/index.js';
import { expireReservationsJob } from './expire-reservations.job.js';
import { inventoryAdminGraphQL, inventoryChannelGraphQL } from './inventory.graphql.js';
import { inventoryEvents } from './inventory.events.js';
import { inventoryMigrations } from './inventory.migrations.js';
import { inventoryPermissions } from './inventory.permissions.js';
import { seedDemoInventory } from './inventory.seed.js';
import { seedInventoryScale } from './inventory.scale-seed.js';
import { InventoryService } from './inventory.service.js';
import { InventoryTokens, lazyAuditLog } from './inventory.tokens.js';
import { StockOperations } from './stock-operations.js';
import { StockReservations } from './stock-reservations.js';
import { StockSourcesToken, stockSourcesFrom } from './stock-sources.js';
import { TransferService } from './transfer.service.js';
import { DefaultSourcing } from './sourcing/default-sourcing.js';
import { SourcingStrategyToken } from './sourcing/sourcing.js';

export { InventoryService, type StoreAvailability, type StoresNearbyInput } from './inventory.service.js';
export { InventoryPermission, inventoryPermissions } from './inventory.permissions.js';
export { InventoryTables } from './inventory.tables.js';
export { findDrift, type StockDrift } from './inventory-drift.js';
export { SourcingStrategyToken, type SourcingStrategy, type SourcingRequest, type SourcingPlan, type SourcingLine, type SourcingAssignment } from './sourcing/sourcing.js';
export { DefaultSourcing } from './sourcing/default-sourcing.js';
export type { ReserveResult, CommitResult } from './stock-reservations.js';
export type { StockChange, CountResult } from './stock-operations.js';
export type { VariantAvailability, LocationAvailability } from './availability.js';
export type { ReserveInput, ReservationSelector, SellInput, ReceiveInput, AdjustInput, CountInput, ThresholdInput, StockLineInput } from './inventory.inputs.js';
export type { StockLevel, StockMovement, StockReservation, StockReference, MovementKind, ReservationStatus } from './inventory.records.js';
export type { StockTransfer, TransferStatus, CreateTransferInput, ReceiveTransferInput } from './transfer.records.js';

/**
 * The inventory module: levels per (variant, location), the append-only movement ledger,
 * reservations by atomic conditional update (released on expiry by a recurring job), offline
 * sales allowed below zero, transfers, low-stock events, the drift check behind
 * `plaza inventory:verify`, and the channel's availability after safety stock. Stock locations
 * are the locations module's (`core.locations`). See docs/inventory.md.
 */
export const inventoryModule = definePlugin({
  name: 'core.inventory',
  version: PLAZA_VERSION,
  description: 'Inventory levels, the movement ledger, reservations, transfers and availability',
  requires: ['core.catalog', 'core.locations'],
  migrations: inventoryMigrations,
  permissions: inventoryPermissions,
  events: inventoryEvents,
  jobs: [expireReservationsJob],
  register(scope) {
    const { container } = scope;
    container.registerInstance(InventoryTokens.Audit, lazyAuditLog(container));
    container.register(StockSourcesToken, {
      useFactory: instanceCachingFactory((c) => {
        const locations = c.resolve(LocationService);
        return stockSourcesFrom((ctx, platformId) => locations.platformLocations(ctx, platformId));
      }),
    });
    container.registerSingleton(StockReservations);
    container.registerSingleton(StockOperations);
    container.registerSingleton(TransferService);
    container.registerSingleton(InventoryService);
    container.register(SourcingStrategyToken, { useFactory: instanceCachingFactory((c) => new DefaultSourcing(c.resolve(StockSourcesToken))) });
  },
  exports: [InventoryService, SourcingStrategyToken],
  graphql: { admin: inventoryAdminGraphQL, channel: inventoryChannelGraphQL },
  seed: { demo: seedDemoInventory, scale: seedInventoryScale },
});
