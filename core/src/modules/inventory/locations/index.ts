import { definePlugin } from '../../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../../kernel/version.js';
import { LocationDirectoryToken } from '../../roles/index.js';
import { locationEvents } from './location.events.js';
import { locationAdminGraphQL, locationChannelGraphQL } from './location.graphql.js';
import { locationMigrations } from './location.migrations.js';
import { locationPermissions } from './location.permissions.js';
import { seedDemoLocations } from './location.seed.js';
import { seedLocationsScale } from './location.scale-seed.js';
import { LocationService } from './location.service.js';
import { lazyAuditLog, lazyClock, LocationTokens } from './location.tokens.js';
import { PlatformLocationsCache } from './platform-locations.cache.js';

export { LocationService } from './location.service.js';
export { DEMO_LOCATIONS, DEMO_PLATFORM_LOCATIONS } from './location.seed.js';
export { LocationTables } from './location.migrations.js';
export { LocationPermission, locationPermissions } from './location.permissions.js';
export { PlatformLocationsCache, PLATFORM_LOCATIONS_TTL_MS } from './platform-locations.cache.js';
export { ClockToken, systemClock, type Clock } from './location.tokens.js';
export { haversineKm, EARTH_RADIUS_KM } from './geo.js';
export { openingState, openSpans, OPENING_LOOKAHEAD_DAYS } from './opening-hours.js';
export { pickupReadiness, type PickupReadiness } from './pickup-readiness.js';
export { nearbyAmong, type NearbyLocation, type NearbyOptions } from './nearby.js';
export type { NearbyInput } from './nearby.inputs.js';
export type { LocationFilter, LocationListArgs } from './location-list.js';
export type { CreateLocationInput, UpdateLocationInput, PlatformLocationInput } from './location.inputs.js';
export type { GeoPoint, LocationAddress, LocationStatus, LocationType, PlatformLocationLink, StockLocation } from './location.records.js';
export type { OpeningHours, OpeningException, OpeningState, TimeInterval, Weekday, WeekdayHours } from './opening-hours.types.js';

/**
 * The stock locations module: warehouses, stores, dark stores and dropship suppliers with
 * address, coordinates, opening hours in their time zone and pickup settings; the ordered
 * locations each platform sells from with safety stock per link (cached in memory for the
 * availability path); "nearby" search with pickup readiness. It also tells the roles module
 * which location ids exist (role scopes). See docs/locations.md.
 */
export const locationsModule = definePlugin({
  name: 'core.locations',
  version: PLAZA_VERSION,
  description: 'Stock locations (warehouses, stores, dark stores, dropship) and the locations each platform sells from',
  requires: ['core.platforms', 'core.roles'],
  migrations: locationMigrations,
  permissions: locationPermissions,
  events: locationEvents,
  register(scope) {
    const { container } = scope;
    container.registerInstance(PlatformLocationsCache, new PlatformLocationsCache());
    container.registerInstance(LocationTokens.Audit, lazyAuditLog(container));
    container.registerInstance(LocationTokens.Clock, lazyClock(container));
    container.registerSingleton(LocationService);
    container.register(LocationDirectoryToken, { useFactory: (c) => c.resolve(LocationService) });
  },
  exports: [LocationService, LocationDirectoryToken],
  graphql: { admin: locationAdminGraphQL, channel: locationChannelGraphQL },
  seed: {
    demo: seedDemoLocations,
    async scale(ctx, scope, plan) {
      await seedLocationsScale(ctx, plan);
      // The scale seed writes the tables directly: drop what this process cached.
      scope.container.resolve(PlatformLocationsCache).clear();
    },
  },
});
