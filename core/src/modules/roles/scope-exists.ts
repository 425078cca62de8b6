import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import type { LocationDirectory, PlatformDirectory } from './roles.tokens.js';

/**
 * Refuses a grant scope (the ids as the input gave them) naming platforms or stock locations
 * that do not exist: BAD_USER_INPUT
 * with a field error per unknown id (`<path>platformIds.<n>` / `<path>locationIds.<n>`, n in
 * the input's order), reasons PLATFORM_UNKNOWN / LOCATION_UNKNOWN. Role assignments and
 * integration tokens share it.
 */
export async function assertScopeExists(
  ctx: Ctx,
  directories: { platforms: PlatformDirectory; locations: LocationDirectory },
  scope: { platformIds: readonly string[] | null; locationIds: readonly string[] | null },
  path = '',
): Promise<void> {
  const { platformIds, locationIds } = scope;
  const unknownPlatforms = platformIds ? await directories.platforms.missing(ctx, platformIds) : [];
  if (unknownPlatforms.length > 0) {
    const fields = unknownPlatforms.map((id) => ({ path: `${path}platformIds.${platformIds!.indexOf(id)}`, message: `there is no platform ${id}` }));
    throw errors.badInput(`Unknown platform(s): ${unknownPlatforms.join(', ')}`, fields, 'PLATFORM_UNKNOWN');
  }
  const unknownLocations = locationIds ? await directories.locations.missing(ctx, locationIds) : [];
  if (unknownLocations.length > 0) {
    const fields = unknownLocations.map((id) => ({ path: `${path}locationIds.${locationIds!.indexOf(id)}`, message: `there is no stock location ${id}` }));
    throw errors.badInput(`Unknown stock location(s): ${unknownLocations.join(', ')}`, fields, 'LOCATION_UNKNOWN');
  }
}
