import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../../kernel/audit-log.js';
import { permissionScope, requirePermission } from '../../../kernel/authorization.js';
import type { Ctx } from '../../../kernel/context.js';
import { errors } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { Tokens } from '../../../kernel/tokens.js';
import type { EventBus } from '../../../events/event-bus.js';
import { dialectOf } from '../../../db/database.js';
import { afterCommit, inTransaction, isTransaction } from '../../../db/transaction.js';
import type { Connection } from '../../../gateway/connection.js';
import { PlatformService } from '../../platforms/index.js';
import { codeTaken, validateLocationChanges, validateNewLocation } from './location-changes.js';
import { isUniqueViolation } from '../../../db/unique-violation.js';
import { listLocations, type LocationListArgs } from './location-list.js';
import type { CreateLocationInput, PlatformLocationInput, UpdateLocationInput } from './location.inputs.js';
import { LocationTables as T } from './location.migrations.js';
import { LocationPermission as P } from './location.permissions.js';
import { locationSummary, toLocation, toLocationColumns, type LocationRow, type PlatformLocationLink, type StockLocation } from './location.records.js';
import { LocationTokens, type Clock } from './location.tokens.js';
import { nearbyAmong, type NearbyLocation } from './nearby.js';
import { nearbyInput, type NearbyInput } from './nearby.inputs.js';
import { validatePlatformLinks } from './platform-link-validation.js';
import { loadPlatformLinks, replacePlatformLinks } from './platform-links.js';
import { PlatformLocationsCache } from './platform-locations.cache.js';
import { parseLocationInput } from './location.inputs.js';

/**
 * Stock locations (warehouses, stores, dark stores, dropship) and the ordered locations each
 * platform sells from, with safety stock per link. Permissions are checked here with the
 * location (or platform) as the target, so staff scoped to a location only change that one.
 * Every write is audited and published in its transaction; the per-platform link cache is
 * invalidated after commit.
 */
@injectable()
export class LocationService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(LocationTokens.Audit) private readonly audit: AuditLog,
    @inject(LocationTokens.Clock) private readonly clock: Clock,
    @inject(PlatformLocationsCache) private readonly cache: PlatformLocationsCache,
    @inject(PlatformService) private readonly platforms: PlatformService,
  ) {}

  /** One location. Needs `locations.read` on it; NOT_FOUND when it does not exist. */
  async get(ctx: Ctx, id: string): Promise<StockLocation> {
    requirePermission(ctx, P.Read, { locationId: id });
    return this.load(ctx, id);
  }

  /** A page of the locations the actor may read, by code, filtered. */
  async list(ctx: Ctx, args: LocationListArgs): Promise<Connection<StockLocation>> {
    const actor = requirePermission(ctx, P.Read);
    return listLocations(ctx, args, permissionScope(actor, P.Read));
  }

  /** Creates a location. Needs `locations.manage` not limited to some locations. */
  async create(ctx: Ctx, input: CreateLocationInput): Promise<StockLocation> {
    const actor = requirePermission(ctx, P.Manage);
    const scope = permissionScope(actor, P.Manage);
    if (!scope.all && !scope.unscopedLocations) {
      throw errors.forbidden(`Creating a stock location needs "${P.Manage}" for all locations; yours is limited to some`, 'SCOPE_MISSING');
    }
    const fields = validateNewLocation(input);
    return inTransaction(ctx, async (trx) => {
      if (await trx.db(T.location).where('code', fields.code).first('id')) throw codeTaken(fields.code);
      const now = Date.now();
      const id = newId('loc');
      try {
        await trx.db(T.location).insert({ id, ...toLocationColumns(fields), created_at: now, updated_at: now });
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken(fields.code, error);
        throw error;
      }
      const location: StockLocation = { id, ...fields, createdAt: new Date(now), updatedAt: new Date(now) };
      await this.audit.record(trx, { action: 'stock_location.created', entityType: 'stock_location', entityId: id, before: null, after: locationSummary(location) });
      await this.events.publish(trx, 'stock_location.created', { locationId: id, code: fields.code, type: fields.type });
      return location;
    });
  }

  /** Edits a location; fields left out keep their value. Needs `locations.manage` on it. */
  async update(ctx: Ctx, input: UpdateLocationInput): Promise<StockLocation> {
    const id = typeof input?.id === 'string' ? input.id : '';
    requirePermission(ctx, P.Manage, { locationId: id });
    return inTransaction(ctx, async (trx) => {
      const before = await this.load(trx, id);
      const changes = validateLocationChanges(before, input);
      const changed = Object.keys(changes);
      if (changed.length === 0) return before;
      if (changes.code && (await trx.db(T.location).where('code', changes.code).whereNot('id', id).first('id'))) throw codeTaken(changes.code);
      try {
        await trx.db(T.location).where('id', id).update({ ...toLocationColumns(changes), updated_at: Date.now() });
      } catch (error) {
        if (isUniqueViolation(error) && changes.code) throw codeTaken(changes.code, error);
        throw error;
      }
      const after = await this.load(trx, id);
      await this.audit.record(trx, { action: 'stock_location.updated', entityType: 'stock_location', entityId: id, before: locationSummary(before), after: locationSummary(after) });
      await this.events.publish(trx, 'stock_location.updated', { locationId: id, code: after.code, changed });
      afterCommit(trx.db, () => this.cache.clear());
      return after;
    });
  }

  /** Deactivates a location: it is no longer sold from nor shown; its links stay. Idempotent. */
  deactivate(ctx: Ctx, id: string): Promise<StockLocation> {
    return this.update(ctx, { id, status: 'inactive' });
  }

  /**
   * The locations with these ids, in the order asked (null for unknown ids), in ONE statement:
   * for per-request loaders. No permission check: callers check their own.
   */
  async byIds(ctx: Ctx, ids: readonly string[]): Promise<(StockLocation | null)[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = (await ctx.db(T.location).whereIn('id', unique).select('*')) as LocationRow[];
    const byId = new Map(rows.map((row) => [row.id, toLocation(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The ids among `ids` that are not stock locations (no permission check: callers check their own). */
  async missing(ctx: Ctx, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = new Set(((await ctx.db(T.location).whereIn('id', unique).select('id')) as { id: string }[]).map((r) => r.id));
    return unique.filter((id) => !found.has(id));
  }

  /** Do all these locations exist? (No permission check.) */
  async exists(ctx: Ctx, ids: readonly string[]): Promise<boolean> {
    return (await this.missing(ctx, ids)).length === 0;
  }

  /**
   * A platform's locations in its order, with safety stock and the location records (inactive
   * ones included: skip them when selling). Served from memory after the first call; no
   * permission check (the availability path calls it for the channel's platform).
   */
  async platformLocations(ctx: Ctx, platformId: string): Promise<readonly PlatformLocationLink[]> {
    const cached = this.cache.get(platformId);
    if (cached) return cached;
    const generation = this.cache.generation;
    const links = Object.freeze(await loadPlatformLinks(ctx, platformId));
    // Inside a transaction the rows may be uncommitted: do not let them outlive it.
    if (!isTransaction(ctx.db)) this.cache.set(platformId, links, generation);
    return links;
  }

  /** {@link platformLocations} for the admin API: needs `locations.read` on the platform. */
  async platformLocationsFor(ctx: Ctx, platformId: string): Promise<readonly PlatformLocationLink[]> {
    requirePermission(ctx, P.Read, { platformId });
    return this.platformLocations(ctx, platformId);
  }

  /**
   * Replaces a platform's ordered locations and their safety stock in one transaction. Needs
   * `locations.manage` on the platform and on every location added, kept or removed.
   */
  async setPlatformLocations(ctx: Ctx, platformId: string, locations: readonly PlatformLocationInput[]): Promise<readonly PlatformLocationLink[]> {
    requirePermission(ctx, P.Manage, { platformId });
    const wanted = validatePlatformLinks(locations);
    return inTransaction(ctx, async (trx) => {
      if (!(await this.platforms.exists(trx, [platformId]))) throw errors.notFound('Platform', platformId);
      if (dialectOf(trx.db) === 'postgres') await trx.db('platform').where('id', platformId).forUpdate().first('id');
      const unknown = await this.missing(trx, wanted.map((l) => l.locationId));
      if (unknown.length > 0) {
        const fields = unknown.map((id) => ({ path: `locations.${wanted.findIndex((l) => l.locationId === id)}.locationId`, message: `there is no stock location ${id}` }));
        throw errors.badInput(`Unknown stock location(s): ${unknown.join(', ')}`, fields, 'LOCATION_UNKNOWN');
      }
      const before = (await loadPlatformLinks(trx, platformId)).map((l) => ({ locationId: l.locationId, safetyStock: l.safetyStock }));
      for (const locationId of new Set([...before, ...wanted].map((l) => l.locationId))) requirePermission(trx, P.Manage, { platformId, locationId });
      if (JSON.stringify(before) === JSON.stringify(wanted)) return loadPlatformLinks(trx, platformId);
      await replacePlatformLinks(trx, platformId, wanted);
      await this.audit.record(trx, { action: 'platform.locations_changed', entityType: 'platform', entityId: platformId, platformId, before: { locations: before }, after: { locations: wanted } });
      await this.events.publish(trx, 'platform.locations_changed', { platformId, locations: wanted }, { platformId });
      afterCommit(trx.db, () => this.cache.forgetPlatform(platformId));
      return loadPlatformLinks(trx, platformId);
    });
  }

  /**
   * The platform's active locations with coordinates nearest to a point (or to one location,
   * e.g. the customer's chosen store), sorted by haversine distance, each with its pickup
   * readiness now. No SQL when the platform's links are cached (except to find a `locationId`
   * origin that is not linked). No permission check: channel data.
   */
  async nearby(ctx: Ctx, input: NearbyInput): Promise<NearbyLocation[]> {
    const data = parseLocationInput(nearbyInput, input);
    const links = await this.platformLocations(ctx, data.platformId);
    let origin = data.point ?? null;
    if (!origin) {
      const location = links.find((l) => l.locationId === data.locationId)?.location ?? (await this.load(ctx, data.locationId!));
      if (location.latitude === null || location.longitude === null) {
        throw errors.badInput(`The stock location ${location.code} has no coordinates`, [{ path: 'locationId', message: 'has no coordinates' }], 'LOCATION_NO_COORDINATES');
      }
      origin = { latitude: location.latitude, longitude: location.longitude };
    }
    return nearbyAmong(links, origin, { radiusKm: data.radiusKm, pickupOnly: data.pickupOnly, limit: data.limit }, this.clock.now());
  }

  /** The current time of opening-hour and readiness computations (the bound {@link Clock}). */
  now(): Date {
    return this.clock.now();
  }

  private async load(ctx: Ctx, id: string): Promise<StockLocation> {
    const row = (await ctx.db(T.location).where('id', id).first()) as LocationRow | undefined;
    if (!row) throw errors.notFound('Stock location', id);
    return toLocation(row);
  }
}
