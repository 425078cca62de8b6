import { inject, injectable } from 'tsyringe';
import { can, permissionScope, requirePermission } from '../../kernel/authorization.js';
import { requirePlatform, type Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import type { Connection, PageArgs } from '../../gateway/connection.js';
import { CatalogService, type Variant } from '../catalog/index.js';
import { LocationPermission, LocationService } from './locations/index.js';
import type { NearbyLocation, StockLocation } from './locations/index.js';
import { loadAvailability, type VariantAvailability } from './availability.js';
import { findDrift, type StockDrift } from './inventory-drift.js';
import { getLevel, listLevels, listMovements, listReservations, type LevelFilter, type MovementFilter, type ReservationFilter } from './inventory-queries.js';
import type { AdjustInput, CountInput, ReceiveInput, ReservationSelector, ReserveInput, SellInput, ThresholdInput } from './inventory.inputs.js';
import { InventoryPermission as P } from './inventory.permissions.js';
import type { StockLevel, StockMovement, StockReservation } from './inventory.records.js';
import { StockOperations, type CountResult, type StockChange } from './stock-operations.js';
import { StockReservations, type CommitResult, type ReserveResult } from './stock-reservations.js';
import { StockSourcesToken, type StockSources } from './stock-sources.js';
import { TransferService, type TransferFilter } from './transfer.service.js';
import type { CreateTransferInput, ReceiveTransferInput, StockTransfer } from './transfer.records.js';

/** Where to look for stores: a point, or a location (the customer's chosen store). */
export interface StoresNearbyInput {
  variantId: string;
  near: { latitude: number; longitude: number } | null;
  locationId: string | null;
  radiusKm?: number | null;
  first?: number | null;
  /** Leave out stores with nothing available. */
  inStockOnly?: boolean | null;
}

/** A pickup location near the shopper with what the platform may sell of the variant there. */
export interface StoreAvailability extends NearbyLocation {
  available: number;
}

/**
 * The inventory of every channel: levels per (variant, location), the append-only ledger,
 * reservations, sales (offline ones too), transfers and the platform's availability. The one
 * service other modules call (carts, orders, POS): `reserve`, `commit`, `release`, `sell`, …
 * Every method takes `ctx` first; permissions are checked here with the location as target.
 */
@injectable()
export class InventoryService {
  constructor(
    @inject(StockReservations) private readonly reservationsService: StockReservations,
    @inject(StockOperations) private readonly operations: StockOperations,
    @inject(TransferService) private readonly transfersService: TransferService,
    @inject(StockSourcesToken) private readonly sources: StockSources,
    @inject(LocationService) private readonly locations: LocationService,
    @inject(CatalogService) private readonly catalog: CatalogService,
  ) {}

  /** Holds units for a reference: all lines or none (OUT_OF_STOCK). See {@link StockReservations.reserve}. */
  reserve(ctx: Ctx, input: ReserveInput): Promise<ReserveResult> {
    return this.reservationsService.reserve(ctx, input);
  }

  /** Turns active reservations into sales. */
  commit(ctx: Ctx, input: ReservationSelector): Promise<CommitResult> {
    return this.reservationsService.commit(ctx, input);
  }

  /** Cancels active reservations. */
  release(ctx: Ctx, input: ReservationSelector): Promise<StockReservation[]> {
    return this.reservationsService.release(ctx, input);
  }

  /** Releases reservations past their expiry (the recurring job); returns how many. */
  expireDue(ctx: Ctx, now?: number): Promise<number> {
    return this.reservationsService.expireDue(ctx, now);
  }

  /** The reservations of a reference (a cart, an order, a transfer). */
  reservationsFor(ctx: Ctx, reference: { type: string; id: string }): Promise<StockReservation[]> {
    return this.reservationsService.forReference(ctx, reference);
  }

  /** One reservation. Needs `inventory.read` at its location. */
  reservationById(ctx: Ctx, id: string): Promise<StockReservation> {
    return this.reservationsService.get(ctx, id);
  }

  /** Puts units back on hand (`return` movement) in the caller's transaction; see {@link StockOperations.restock}. */
  restock(ctx: Ctx, input: { variantId: string; locationId: string; quantity: number; platformId?: string | null; reference?: { type: string; id: string } | null; reason?: string | null }): Promise<StockChange> {
    return this.operations.restock(ctx, input);
  }

  /** Records a sale without a reservation; `allowNegative` for offline POS sales. */
  sell(ctx: Ctx, input: SellInput): Promise<StockChange[]> {
    return this.operations.sell(ctx, input);
  }

  /** Books received goods. */
  receive(ctx: Ctx, input: ReceiveInput): Promise<StockChange> {
    return this.operations.receive(ctx, input);
  }

  /** A signed adjustment or a damage write-off. */
  adjust(ctx: Ctx, input: AdjustInput): Promise<StockChange> {
    return this.operations.adjust(ctx, input);
  }

  /** Sets on hand to a counted quantity (difference booked as count_correction). */
  count(ctx: Ctx, input: CountInput): Promise<CountResult> {
    return this.operations.count(ctx, input);
  }

  /** Sets or clears a level's low-stock threshold. */
  setLowStockThreshold(ctx: Ctx, input: ThresholdInput): Promise<StockLevel> {
    return this.operations.setLowStockThreshold(ctx, input);
  }

  /** Requests a transfer (its units are reserved at the source). */
  createTransfer(ctx: Ctx, input: CreateTransferInput): Promise<StockTransfer> {
    return this.transfersService.create(ctx, input);
  }

  /** Ships a requested transfer. */
  shipTransfer(ctx: Ctx, transferId: string, idempotencyKey?: string | null): Promise<StockTransfer> {
    return this.transfersService.ship(ctx, transferId, idempotencyKey);
  }

  /** Receives (part of) a shipped transfer. */
  receiveTransfer(ctx: Ctx, input: ReceiveTransferInput): Promise<StockTransfer> {
    return this.transfersService.receive(ctx, input);
  }

  /** Cancels a transfer that has not shipped. */
  cancelTransfer(ctx: Ctx, transferId: string): Promise<StockTransfer> {
    return this.transfersService.cancel(ctx, transferId);
  }

  /** One transfer. */
  transfer(ctx: Ctx, transferId: string): Promise<StockTransfer> {
    return this.transfersService.get(ctx, transferId);
  }

  /** A page of transfers. */
  transfers(ctx: Ctx, args: PageArgs & { filter?: TransferFilter | null }): Promise<Connection<StockTransfer>> {
    return this.transfersService.list(ctx, args);
  }

  /** One level. */
  level(ctx: Ctx, variantId: string, locationId: string): Promise<StockLevel> {
    return getLevel(ctx, variantId, locationId);
  }

  /** A page of levels. */
  levels(ctx: Ctx, args: PageArgs & { filter?: LevelFilter | null }): Promise<Connection<StockLevel>> {
    return listLevels(ctx, args);
  }

  /** A page of the ledger. */
  movements(ctx: Ctx, args: PageArgs & { filter?: MovementFilter | null }): Promise<Connection<StockMovement>> {
    return listMovements(ctx, args);
  }

  /** A page of reservations. */
  reservations(ctx: Ctx, args: PageArgs & { filter?: ReservationFilter | null }): Promise<Connection<StockReservation>> {
    return listReservations(ctx, args);
  }

  /**
   * Levels that disagree with their ledger (on_hand ≠ sum of movements) or their reservations
   * (reserved ≠ sum of active reservations), in the locations the actor may read. Empty: exact.
   */
  async drift(ctx: Ctx): Promise<StockDrift[]> {
    const scope = permissionScope(requirePermission(ctx, P.Read), P.Read);
    const drift = await findDrift(ctx.db);
    return scope.all || scope.unscopedLocations ? drift : drift.filter((d) => scope.locationIds.has(d.locationId));
  }

  /** What the request's platform may sell of a variant, in total and per location (batched: one SQL per request). */
  async availability(ctx: Ctx, variantId: string): Promise<VariantAvailability> {
    const platform = requirePlatform(ctx);
    return loadAvailability(ctx, platform.id, await this.sources.forPlatform(ctx, platform.id), variantId);
  }

  /** A variant for an admin list row (batched per request: one statement per page). */
  variantOf(ctx: Ctx, variantId: string): Promise<Variant | null> {
    return ctx.loaders.get<string, Variant | null>('inventory.admin.variant', (ids) => this.catalog.variantsByIds(ctx, ids)).load(variantId);
  }

  /**
   * A location for an admin list row, batched per request (one statement per page); null when
   * unknown or when the actor may not read it (`locations.read` at that location).
   */
  locationOf(ctx: Ctx, locationId: string): Promise<StockLocation | null> {
    return ctx.loaders
      .get<string, StockLocation | null>('inventory.admin.location', async (ids) =>
        (await this.locations.byIds(ctx, ids)).map((location) => (location && can(ctx.actor, LocationPermission.Read, { locationId: location.id }) ? location : null)),
      )
      .load(locationId);
  }

  /** A location the request's platform sells from (from the cache), or null. */
  async sourceLocation(ctx: Ctx, locationId: string): Promise<StockLocation | null> {
    const platform = requirePlatform(ctx);
    return (await this.sources.forPlatform(ctx, platform.id)).find((s) => s.locationId === locationId)?.location ?? null;
  }

  /** Does the request's platform have any variant of the product to sell? */
  async productInStock(ctx: Ctx, productId: string): Promise<boolean> {
    const variants = await this.catalog.variantsOfProduct(ctx, productId);
    const availability = await Promise.all(variants.map((v) => this.availability(ctx, v.id)));
    return availability.some((a) => a.inStock);
  }

  /**
   * The platform's pickup locations nearest to a point or to a chosen store, sorted by
   * distance (haversine), each with what the platform may sell of the variant there (after
   * safety stock) and its pickup readiness.
   */
  async storesNearby(ctx: Ctx, input: StoresNearbyInput): Promise<StoreAvailability[]> {
    const platform = requirePlatform(ctx);
    const nearby = await this.locations.nearby(ctx, { platformId: platform.id, point: input.near, locationId: input.locationId, radiusKm: input.radiusKm, pickupOnly: true });
    const availability = await this.availability(ctx, input.variantId);
    const byLocation = new Map(availability.locations.map((l) => [l.locationId, l.available]));
    if (input.first !== null && input.first !== undefined && (!Number.isInteger(input.first) || input.first < 1 || input.first > 100)) {
      throw errors.badInput('first must be between 1 and 100', [{ path: 'first', message: 'must be between 1 and 100' }], 'PAGE_SIZE_INVALID');
    }
    const stores = nearby.map((n) => ({ ...n, available: byLocation.get(n.locationId) ?? 0 })).filter((s) => !input.inStockOnly || s.available > 0);
    return stores.slice(0, input.first ?? 20);
  }
}
