import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { PricingPermission as P } from './pricing.permissions.js';
import { PricingTables as T } from './pricing.tables.js';
import { toPriceList, type PriceList, type PriceListRow } from './pricing.records.js';

/** A price list, or NOT_FOUND. */
export async function loadPriceList(ctx: Ctx, id: string): Promise<PriceList> {
  const row = (await ctx.db(T.priceList).where('id', id).first()) as PriceListRow | undefined;
  if (!row) throw errors.notFound('Price list', id);
  return toPriceList(row);
}

/** The platforms that sell with a price list (`platform.price_list_id`, the column reserved for pricing). */
export async function linkedPlatformIds(ctx: Ctx, priceListId: string): Promise<string[]> {
  const rows = (await ctx.db('platform').where('price_list_id', priceListId).orderBy('id').select('id')) as { id: string }[];
  return rows.map((r) => r.id);
}

/** {@link linkedPlatformIds} batched per request (a page of price lists costs one statement). */
export function linkedPlatformIdsBatched(ctx: Ctx, priceListId: string): Promise<string[]> {
  return ctx.loaders
    .get<string, string[]>('pricing.platformsByList', async (ids) => {
      const rows = (await ctx.db('platform').whereIn('price_list_id', [...ids]).orderBy('id').select('id', 'price_list_id')) as { id: string; price_list_id: string }[];
      return ids.map((id) => rows.filter((r) => r.price_list_id === id).map((r) => r.id));
    })
    .load(priceListId);
}

/**
 * Changing a price list changes what every platform linked to it charges: it needs
 * `pricing.manage` on each of them (a list linked to no platform needs it somewhere).
 * Returns the linked platform ids.
 */
export async function requireListManage(ctx: Ctx, priceListId: string): Promise<string[]> {
  requirePermission(ctx, P.Manage);
  const platformIds = await linkedPlatformIds(ctx, priceListId);
  for (const platformId of platformIds) requirePermission(ctx, P.Manage, { platformId });
  return platformIds;
}
