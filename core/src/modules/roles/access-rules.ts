import type { Grant, PermissionScope } from '../../kernel/authorization.js';
import type { Actor } from '../../kernel/context.js';

function holds(grant: Grant, permission: string): boolean {
  if (grant.permissions === '*') return true;
  return permission !== '*' && grant.permissions.has(permission);
}

function reaches(grant: Grant, platformId: string | null, locationId: string | null): boolean {
  const platformOk = grant.platformIds === null || (platformId !== null && grant.platformIds.includes(platformId));
  const locationOk = grant.locationIds === null || (locationId !== null && grant.locationIds.includes(locationId));
  return platformOk && locationOk;
}

/**
 * Does the actor hold `permission` everywhere a scope reaches? A null list means "every
 * platform" (or location), which only an unscoped grant covers. `'*'` asks for a grant of
 * every permission.
 */
export function holdsAcross(actor: Actor, permission: string, platformIds: readonly string[] | null, locationIds: readonly string[] | null): boolean {
  const platforms = platformIds ?? [null];
  const locations = locationIds ?? [null];
  return platforms.every((p) => locations.every((l) => actor.grants.some((g) => holds(g, permission) && reaches(g, p, l))));
}

/**
 * The permissions of `grant` the actor could not have given: the no-escalation rule. Staff may
 * grant (to a person or a token) only permissions they hold themselves, for the whole scope
 * of the grant. Empty when the actor covers the grant.
 */
export function ungrantable(actor: Actor, grant: Grant): string[] {
  const wanted = grant.permissions === '*' ? ['*'] : [...grant.permissions];
  return wanted.filter((p) => !holdsAcross(actor, p, grant.platformIds, grant.locationIds));
}

/**
 * May an actor whose read scope is `scope` see something scoped to these platforms and
 * locations? Unscoped things (null lists) are visible only to unscoped readers.
 */
export function scopeVisible(scope: PermissionScope, platformIds: readonly string[] | null, locationIds: readonly string[] | null): boolean {
  if (scope.all) return true;
  const platformOk = scope.unscopedPlatforms || (platformIds !== null && platformIds.some((id) => scope.platformIds.has(id)));
  const locationOk = scope.unscopedLocations || (locationIds !== null && locationIds.some((id) => scope.locationIds.has(id)));
  return platformOk && locationOk;
}

/** Describes a scope for messages: "every platform", "platforms plat_a, plat_b", … */
export function describeScope(platformIds: readonly string[] | null, locationIds: readonly string[] | null): string {
  const parts = [platformIds === null ? 'every platform' : `platform(s) ${platformIds.join(', ')}`];
  if (locationIds !== null) parts.push(`location(s) ${locationIds.join(', ')}`);
  return parts.join(' and ');
}
