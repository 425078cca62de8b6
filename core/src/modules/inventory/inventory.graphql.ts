import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import type { PageArgs } from '../../gateway/connection.js';
import type { LocationAvailability } from './availability.js';
import type { LevelFilter, MovementFilter, ReservationFilter } from './inventory-queries.js';
import type { AdjustInput, CountInput, ReceiveInput, ReserveInput, SellInput, ThresholdInput } from './inventory.inputs.js';
import { inventoryAdminTypeDefs, inventoryCatalogExtensionTypeDefs, inventoryChannelTypeDefs } from './inventory.schema.js';
import { InventoryService, type StoreAvailability } from './inventory.service.js';
import type { TransferFilter } from './transfer.service.js';
import type { CreateTransferInput, ReceiveTransferInput } from './transfer.records.js';

type Root = unknown;
type List<F> = PageArgs & { filter?: F | null };

/** GraphQL enum NAME ↔ stored lowercase value. */
const enumOf = (names: string[]) => Object.fromEntries(names.map((n) => [n, n.toLowerCase()]));

/** The `variant` and `location` of an admin row, batched per request. */
function related(inventory: () => InventoryService) {
  return {
    variant: (row: { variantId: string }, _: unknown, ctx: Ctx) => inventory().variantOf(ctx, row.variantId),
    location: (row: { locationId: string }, _: unknown, ctx: Ctx) => inventory().locationOf(ctx, row.locationId),
  };
}

/** The inventory module's slice of the admin API. */
export const inventoryAdminGraphQL: GraphQLContribution = {
  typeDefs: inventoryAdminTypeDefs,
  resolvers: (scope) => {
    const inventory = () => scope.container.resolve(InventoryService);
    return {
      StockMovementKind: enumOf(['RECEIPT', 'SALE', 'RETURN', 'ADJUSTMENT', 'TRANSFER_OUT', 'TRANSFER_IN', 'DAMAGE', 'COUNT_CORRECTION']),
      StockAdjustmentKind: enumOf(['ADJUSTMENT', 'DAMAGE']),
      StockReservationStatus: enumOf(['ACTIVE', 'COMMITTED', 'RELEASED', 'EXPIRED']),
      StockTransferStatus: enumOf(['REQUESTED', 'SHIPPED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED']),
      StockLevel: related(inventory),
      StockMovement: related(inventory),
      StockReservation: related(inventory),
      Query: {
        stockLevel: (_: Root, args: { variantId: string; locationId: string }, ctx: Ctx) => inventory().level(ctx, args.variantId, args.locationId),
        stockLevels: (_: Root, args: List<LevelFilter>, ctx: Ctx) => inventory().levels(ctx, args),
        stockMovements: (_: Root, args: List<MovementFilter>, ctx: Ctx) => inventory().movements(ctx, args),
        stockReservations: (_: Root, args: List<ReservationFilter>, ctx: Ctx) => inventory().reservations(ctx, args),
        stockTransfers: (_: Root, args: List<TransferFilter>, ctx: Ctx) => inventory().transfers(ctx, args),
        stockTransfer: (_: Root, args: { id: string }, ctx: Ctx) => inventory().transfer(ctx, args.id),
        inventoryDrift: (_: Root, __: unknown, ctx: Ctx) => inventory().drift(ctx),
      },
      Mutation: {
        adjustInventory: (_: Root, args: { input: AdjustInput }, ctx: Ctx) => inventory().adjust(ctx, args.input),
        receiveStock: (_: Root, args: { input: ReceiveInput }, ctx: Ctx) => inventory().receive(ctx, args.input),
        countStock: (_: Root, args: { input: CountInput }, ctx: Ctx) => inventory().count(ctx, args.input),
        setLowStockThreshold: (_: Root, args: { input: ThresholdInput }, ctx: Ctx) => inventory().setLowStockThreshold(ctx, args.input),
        recordStockSale: (_: Root, args: { input: SellInput }, ctx: Ctx) => inventory().sell(ctx, args.input),
        reserveStock: (_: Root, args: { input: ReserveInput }, ctx: Ctx) => inventory().reserve(ctx, args.input),
        cancelStockReservation: async (_: Root, args: { id: string }, ctx: Ctx) => {
          await inventory().release(ctx, { reservationIds: [args.id] });
          return inventory().reservationById(ctx, args.id);
        },
        createStockTransfer: (_: Root, args: { input: CreateTransferInput }, ctx: Ctx) => inventory().createTransfer(ctx, args.input),
        shipStockTransfer: (_: Root, args: { id: string; idempotencyKey?: string | null }, ctx: Ctx) => inventory().shipTransfer(ctx, args.id, args.idempotencyKey),
        receiveStockTransfer: (_: Root, args: { input: ReceiveTransferInput }, ctx: Ctx) => inventory().receiveTransfer(ctx, args.input),
        cancelStockTransfer: (_: Root, args: { id: string }, ctx: Ctx) => inventory().cancelTransfer(ctx, args.id),
      },
    };
  },
};

/** The inventory module's slice of the channel API: availability and stores nearby. */
export const inventoryChannelGraphQL: GraphQLContribution = {
  typeDefs: `${inventoryChannelTypeDefs}\n${inventoryCatalogExtensionTypeDefs}`,
  resolvers: (scope) => {
    let service: InventoryService | undefined;
    const inventory = () => (service ??= scope.container.resolve(InventoryService));
    return {
      ProductVariant: {
        availability: (variant: { id: string }, _: unknown, ctx: Ctx) => inventory().availability(ctx, variant.id),
      },
      Product: {
        inStock: (product: { id: string }, _: unknown, ctx: Ctx) => inventory().productInStock(ctx, product.id),
      },
      LocationAvailability: {
        location: (entry: LocationAvailability, _: unknown, ctx: Ctx) => inventory().sourceLocation(ctx, entry.locationId),
      },
      StoreAvailability: {
        openNow: (store: StoreAvailability) => store.readiness.openNow,
        pickupReadyAt: (store: StoreAvailability) => store.readiness.readyAt,
        preparationMinutes: (store: StoreAvailability) => store.readiness.preparationMinutes,
      },
      Query: {
        storesNearby: (_: Root, args: { variantId: string; near?: { latitude: number; longitude: number } | null; locationId?: string | null; radiusKm?: number | null; first?: number | null; inStockOnly?: boolean | null }, ctx: Ctx) =>
          inventory().storesNearby(ctx, { variantId: args.variantId, near: args.near ?? null, locationId: args.locationId ?? null, radiusKm: args.radiusKm, first: args.first, inStockOnly: args.inStockOnly }),
      },
    };
  },
};
