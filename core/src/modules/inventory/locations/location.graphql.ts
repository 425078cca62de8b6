import { requirePlatform, type Ctx } from '../../../kernel/context.js';
import type { GraphQLContribution, PluginScope } from '../../../kernel/plugin.js';
import type { LocationListArgs } from './location-list.js';
import type { CreateLocationInput, PlatformLocationInput, UpdateLocationInput } from './location.inputs.js';
import type { GeoPoint, StockLocation } from './location.records.js';
import { locationAdminTypeDefs, locationChannelTypeDefs } from './location.schema.js';
import { LocationService } from './location.service.js';
import type { OpeningException } from './opening-hours.types.js';
import { pickupReadiness, type PickupReadiness } from './pickup-readiness.js';

type Root = unknown;

const enums = {
  StockLocationType: { WAREHOUSE: 'warehouse', STORE: 'store', DARK_STORE: 'dark_store', DROPSHIP: 'dropship' },
  Weekday: { MONDAY: 'monday', TUESDAY: 'tuesday', WEDNESDAY: 'wednesday', THURSDAY: 'thursday', FRIDAY: 'friday', SATURDAY: 'saturday', SUNDAY: 'sunday' },
};

interface RequestReadiness {
  now: Date;
  byLocation: Map<string, PickupReadiness>;
}

// Keyed by the request's loader registry: one "now" and one computation per location per request.
const perRequest = new WeakMap<object, RequestReadiness>();

/** Readiness of a location, computed once per request at one "now" (the bound clock's). */
function readiness(ctx: Ctx, service: LocationService, location: StockLocation): PickupReadiness {
  let request = perRequest.get(ctx.loaders);
  if (!request) perRequest.set(ctx.loaders, (request = { now: service.now(), byLocation: new Map() }));
  let found = request.byLocation.get(location.id);
  if (!found) request.byLocation.set(location.id, (found = pickupReadiness(location, request.now)));
  return found;
}

/** Field resolvers of `StockLocation` in both APIs. */
function stockLocationFields(service: () => LocationService) {
  return {
    openNow: (l: StockLocation, _: unknown, ctx: Ctx) => readiness(ctx, service(), l).openNow,
    closesAt: (l: StockLocation, _: unknown, ctx: Ctx) => readiness(ctx, service(), l).closesAt,
    nextOpensAt: (l: StockLocation, _: unknown, ctx: Ctx) => readiness(ctx, service(), l).nextOpensAt,
    pickupReadyAt: (l: StockLocation, _: unknown, ctx: Ctx) => (l.pickupEnabled ? readiness(ctx, service(), l).readyAt : null),
  };
}

const sharedResolvers = (service: () => LocationService) => ({
  ...enums,
  StockLocation: stockLocationFields(service),
  OpeningHoursException: { closed: (e: OpeningException) => e.intervals.length === 0 },
});

/** The locations module's slice of the admin API. */
export const locationAdminGraphQL: GraphQLContribution = {
  typeDefs: locationAdminTypeDefs,
  resolvers: (scope: PluginScope) => {
    const service = () => scope.container.resolve(LocationService);
    return {
      ...sharedResolvers(service),
      StockLocationStatus: { ACTIVE: 'active', INACTIVE: 'inactive' },
      Query: {
        stockLocations: (_: Root, args: LocationListArgs, ctx: Ctx) => service().list(ctx, args),
        stockLocation: (_: Root, args: { id: string }, ctx: Ctx) => service().get(ctx, args.id),
        platformLocations: (_: Root, args: { platformId: string }, ctx: Ctx) => service().platformLocationsFor(ctx, args.platformId),
      },
      Mutation: {
        createStockLocation: (_: Root, args: { input: CreateLocationInput }, ctx: Ctx) => service().create(ctx, args.input),
        updateStockLocation: (_: Root, args: { input: UpdateLocationInput }, ctx: Ctx) => service().update(ctx, args.input),
        deactivateStockLocation: (_: Root, args: { id: string }, ctx: Ctx) => service().deactivate(ctx, args.id),
        setPlatformLocations: (_: Root, args: { platformId: string; locations: PlatformLocationInput[] }, ctx: Ctx) =>
          service().setPlatformLocations(ctx, args.platformId, args.locations),
      },
      Platform: {
        locations: (platform: { id: string }, _: unknown, ctx: Ctx) => service().platformLocationsFor(ctx, platform.id),
      },
    };
  },
};

/** The locations module's slice of the channel API: the current platform's locations. */
export const locationChannelGraphQL: GraphQLContribution = {
  typeDefs: locationChannelTypeDefs,
  resolvers: (scope: PluginScope) => {
    const service = () => scope.container.resolve(LocationService);
    return {
      ...sharedResolvers(service),
      Query: {
        stockLocations: async (_: Root, args: { pickupOnly?: boolean | null }, ctx: Ctx) => {
          const links = await service().platformLocations(ctx, requirePlatform(ctx).id);
          return links.filter((l) => l.location.status === 'active' && (!args.pickupOnly || l.location.pickupEnabled)).map((l) => l.location);
        },
        nearbyLocations: async (_: Root, args: { near?: GeoPoint | null; locationId?: string | null; radiusKm?: number | null; first?: number | null; pickupOnly?: boolean | null }, ctx: Ctx) => {
          const found = await service().nearby(ctx, {
            platformId: requirePlatform(ctx).id,
            point: args.near,
            locationId: args.locationId,
            radiusKm: args.radiusKm,
            pickupOnly: args.pickupOnly,
            limit: args.first ?? 20,
          });
          return found.map((n) => ({ distanceKm: n.distanceKm, location: n.location }));
        },
      },
    };
  },
};
