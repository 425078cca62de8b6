import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { headlessPlatformType } from './headless.platform-type.js';
import { PlatformKeyCache } from './platform-key.cache.js';
import { PlatformKeyResolver } from './platform-key.resolver.js';
import { PlatformKeyService } from './platform-key.service.js';
import { platformEvents } from './platform.events.js';
import { platformAdminGraphQL, platformChannelGraphQL } from './platform.graphql.js';
import { platformMigrations } from './platform.migrations.js';
import { platformPermissions } from './platform.permissions.js';
import { seedDemoPlatforms } from './platform.seed.js';
import { PlatformService } from './platform.service.js';
import { lazyAuditLog, PlatformTokens } from './platform.tokens.js';

export { PlatformService, type ChannelPlatform } from './platform.service.js';
export { PlatformKeyService } from './platform-key.service.js';
export { PlatformKeyCache, KEY_CACHE_TTL_MS } from './platform-key.cache.js';
export { PlatformPermission, platformPermissions } from './platform.permissions.js';
export { headlessPlatformType, headlessSettingsSchema } from './headless.platform-type.js';
export type { Platform, PlatformKey, PlatformStatus, IssuedPlatformKey } from './platform.records.js';
export type { PlatformFilter, PlatformOrder, PlatformListArgs } from './platform-list.js';
export type { CreatePlatformInput, UpdatePlatformInput } from './platform.inputs.js';

const resolvers = new WeakMap<object, PlatformKeyResolver>();

/**
 * The platforms module: platforms (sales channel instances) of types plugins contribute
 * (the core adds `headless`), their publishable keys, and the `x-plaza-key` resolution of the
 * channel API (cached in process; see {@link PlatformKeyCache}).
 *
 * What later issues attach to a platform goes into their modules, keyed by `platform_id`:
 * the price list (`platform.price_list_id`, already here), the ordered stock locations
 * (inventory), process bindings (processes), fulfillment options (fulfillment).
 */
export const platformsModule = definePlugin({
  name: 'core.platforms',
  version: PLAZA_VERSION,
  description: 'Platforms (channel instances), platform types and publishable keys',
  requires: ['core.audit'],
  platformTypes: [headlessPlatformType],
  permissions: platformPermissions,
  migrations: platformMigrations,
  events: platformEvents,
  register(scope) {
    const { container } = scope;
    container.registerInstance(PlatformKeyCache, new PlatformKeyCache());
    container.registerInstance(PlatformTokens.Audit, lazyAuditLog(container));
    container.registerSingleton(PlatformService);
    container.registerSingleton(PlatformKeyService);
    container.registerSingleton(PlatformKeyResolver);
  },
  exports: [PlatformService],
  graphql: { admin: platformAdminGraphQL, channel: platformChannelGraphQL },
  auth: {
    // On every channel request: one WeakMap lookup instead of a container resolution.
    platformKey: (key, scope) => {
      let resolver = resolvers.get(scope.container);
      if (!resolver) resolvers.set(scope.container, (resolver = scope.container.resolve(PlatformKeyResolver)));
      return resolver.resolve(key);
    },
  },
  seed: { demo: seedDemoPlatforms },
});
