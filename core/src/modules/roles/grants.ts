import type { Grant } from '../../kernel/authorization.js';
import { idsOrNull } from './roles.tables.js';

/** A grant of a role's permissions (`['*']` → everything) over a scope (null lists: everywhere). */
export function grantOf(permissions: readonly string[], platformIds: readonly string[] | null, locationIds: readonly string[] | null): Grant {
  return { permissions: permissions.includes('*') ? '*' : new Set(permissions), platformIds, locationIds };
}

/** One grant from a role's `permissions` JSON and an assignment's (or token's) scope columns. */
export function toGrant(permissionsJson: string | null | undefined, platformIds: string | null, locationIds: string | null): Grant {
  return grantOf(permissionsJson ? (JSON.parse(permissionsJson) as string[]) : [], idsOrNull(platformIds), idsOrNull(locationIds));
}

/** Every permission a list of grants holds, sorted (`['*']` when one grants everything). */
export function permissionsOf(grants: readonly Grant[]): string[] {
  if (grants.some((g) => g.permissions === '*')) return ['*'];
  const all = new Set<string>();
  for (const g of grants) for (const p of g.permissions as ReadonlySet<string>) all.add(p);
  return [...all].sort();
}
