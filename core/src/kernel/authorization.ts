import { PlazaError, errors } from './errors.js';
import type { Actor, Ctx } from './context.js';

/**
 * One role assignment as the actor carries it: the permissions it grants and where they apply.
 * `null` scope lists mean "everywhere"; a list restricts the grant to those platforms / stock
 * locations (a store associate holds the associate role scoped to their store's platform).
 */
export interface Grant {
  permissions: ReadonlySet<string> | '*';
  platformIds: readonly string[] | null;
  locationIds: readonly string[] | null;
}

/** What a permission check is about: the platform and/or stock location of the record. */
export interface PermissionTarget {
  platformId?: string | null;
  locationId?: string | null;
}

/** Where an actor may use a permission, for filtering lists. */
export type PermissionScope =
  | { all: true }
  | { all: false; platformIds: ReadonlySet<string>; locationIds: ReadonlySet<string>; unscopedLocations: boolean; unscopedPlatforms: boolean };

function grants(grant: Grant, permission: string): boolean {
  return grant.permissions === '*' || grant.permissions.has(permission);
}

function covers(grant: Grant, target: PermissionTarget): boolean {
  if (target.platformId && grant.platformIds && !grant.platformIds.includes(target.platformId)) return false;
  if (target.locationId && grant.locationIds && !grant.locationIds.includes(target.locationId)) return false;
  return true;
}

/** A grant of `permissions` everywhere (tests, integrations, the system). */
export function unscopedGrant(permissions: Iterable<string> | '*'): Grant {
  return { permissions: permissions === '*' ? '*' : new Set(permissions), platformIds: null, locationIds: null };
}

/**
 * May the actor use `permission` on `target`? True when one of its grants holds the permission
 * and its scope covers the target's platform and location. Without a target, any grant counts
 * (the actor may do this *somewhere*; lists are then filtered with {@link permissionScope}).
 */
export function can(actor: Actor | null, permission: string, target: PermissionTarget = {}): boolean {
  if (!actor) return false;
  return actor.grants.some((grant) => grants(grant, permission) && covers(grant, target));
}

/** The platforms and locations where the actor may use `permission`; `{ all: true }` when unrestricted. */
export function permissionScope(actor: Actor | null, permission: string): PermissionScope {
  const platformIds = new Set<string>();
  const locationIds = new Set<string>();
  let unscopedPlatforms = false;
  let unscopedLocations = false;
  for (const grant of actor?.grants ?? []) {
    if (!grants(grant, permission)) continue;
    if (!grant.platformIds && !grant.locationIds) return { all: true };
    if (grant.platformIds) grant.platformIds.forEach((id) => platformIds.add(id));
    else unscopedPlatforms = true;
    if (grant.locationIds) grant.locationIds.forEach((id) => locationIds.add(id));
    else unscopedLocations = true;
  }
  return { all: false, platformIds, locationIds, unscopedPlatforms, unscopedLocations };
}

/** Every permission the actor holds somewhere (`['*']` for an owner), sorted. */
export function effectivePermissions(actor: Actor | null): string[] {
  if (!actor) return [];
  if (actor.grants.some((g) => g.permissions === '*')) return ['*'];
  const all = new Set<string>();
  for (const grant of actor.grants) for (const p of grant.permissions as ReadonlySet<string>) all.add(p);
  return [...all].sort();
}

function assertKnown(ctx: Ctx, permission: string): void {
  if (ctx.knownPermissions && !ctx.knownPermissions.has(permission)) {
    throw new PlazaError('INTERNAL_SERVER_ERROR', `Permission "${permission}" is checked but no module declares it`, { reason: 'PERMISSION_UNKNOWN' });
  }
}

/** Throws UNAUTHENTICATED unless someone is signed in. */
export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw errors.unauthenticated('Sign in to do this', 'AUTH_REQUIRED');
  return ctx.actor;
}

/**
 * Throws UNAUTHENTICATED (nobody signed in), FORBIDDEN (the permission is missing, or not for
 * this platform/location) unless the actor may use `permission` on `target`. A permission no
 * module declares is a programming error.
 */
export function requirePermission(ctx: Ctx, permission: string, target: PermissionTarget = {}): Actor {
  assertKnown(ctx, permission);
  const actor = requireActor(ctx);
  if (can(actor, permission, target)) return actor;
  if (can(actor, permission)) {
    throw errors.forbidden(`You hold "${permission}", but not for this ${target.locationId ? 'location' : 'platform'}`, 'SCOPE_MISSING');
  }
  throw errors.forbidden(`This needs the permission "${permission}"`, 'PERMISSION_MISSING');
}
