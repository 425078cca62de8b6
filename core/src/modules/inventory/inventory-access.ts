import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import type { InventoryPermissionCode } from './inventory.permissions.js';

/**
 * Checks `permission` for a location. Staff and integrations need it for that location (a
 * store associate scoped to their store changes only that store). A channel request (a
 * platform's front end, anonymous or with a customer) may use the operations a checkout needs
 * — reserve, release, commit, sell — when `channelAllowed`; the caller then limits it to the
 * platform's own locations.
 */
export function authorizeAt(ctx: Ctx, permission: InventoryPermissionCode, locationId: string, channelAllowed = false): void {
  if (channelAllowed && isChannelCall(ctx)) return;
  requirePermission(ctx, permission, { locationId });
}

/** Is this a platform front end's request (not staff, integration or the system)? */
export function isChannelCall(ctx: Ctx): boolean {
  return ctx.api === 'channel' && ctx.platform !== null && (ctx.actor === null || ctx.actor.kind === 'customer');
}

/** Who a ledger entry records: the actor, or the platform for an anonymous channel call. */
export function actorOf(ctx: Ctx): { actor_kind: string; actor_id: string } {
  if (ctx.actor) return { actor_kind: ctx.actor.kind, actor_id: ctx.actor.id };
  if (ctx.platform) return { actor_kind: 'platform', actor_id: ctx.platform.id };
  return { actor_kind: 'system', actor_id: 'system' };
}
