import type { Knex } from 'knex';
import { requirePermission, type Grant } from '../../kernel/authorization.js';
import type { Actor, Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';

/** What an access check is about: a fulfillment's location and platform. */
export interface FulfillmentTarget {
  locationId: string;
  platformId: string;
}

function holds(grant: Grant, permission: string): boolean {
  return grant.permissions === '*' || grant.permissions.has(permission);
}

/**
 * Does the grant cover the fulfillment? A location-scoped grant decides by location alone: a
 * store's staff handle every order sent from or collected at their store, whatever the channel
 * it was sold on. A grant without a location scope decides by platform (null: everywhere).
 */
function covers(grant: Grant, target: FulfillmentTarget): boolean {
  if (grant.locationIds) return grant.locationIds.includes(target.locationId);
  return !grant.platformIds || grant.platformIds.includes(target.platformId);
}

/** May the actor use `permission` on this fulfillment? */
export function canHandle(actor: Actor | null, permission: string, target: FulfillmentTarget): boolean {
  return Boolean(actor?.grants.some((g) => holds(g, permission) && covers(g, target)));
}

/** Throws UNAUTHENTICATED / FORBIDDEN unless the actor may use `permission` on the fulfillment. */
export function requireFulfillmentAccess(ctx: Ctx, permission: string, target: FulfillmentTarget): Actor {
  const actor = requirePermission(ctx, permission);
  if (actor.kind === 'system' || canHandle(actor, permission, target)) return actor;
  throw errors.forbidden(`You hold "${permission}", but not for this location`, 'SCOPE_MISSING');
}

/** Limits a fulfillment query to what the actor may see with `permission` (nothing when nothing). */
export function limitToScope(ctx: Ctx, query: Knex.QueryBuilder, permission: string, prefix = ''): void {
  const actor = requirePermission(ctx, permission);
  const grants = actor.grants.filter((g) => holds(g, permission));
  if (actor.kind === 'system' || grants.some((g) => !g.locationIds && !g.platformIds)) return;
  query.where((q) => {
    for (const grant of grants) {
      if (grant.locationIds) q.orWhereIn(`${prefix}location_id`, [...grant.locationIds]);
      else if (grant.platformIds) q.orWhereIn(`${prefix}platform_id`, [...grant.platformIds]);
    }
  });
}
