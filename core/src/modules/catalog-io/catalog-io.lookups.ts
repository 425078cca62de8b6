import type { Ctx } from '../../kernel/context.js';
import type { AttributeType } from '../catalog/catalog.records.js';
import { CatalogTables as C } from '../catalog/catalog.tables.js';
import { PricingTables } from '../pricing/pricing.tables.js';
import { inOrder } from '../../db/in-order.js';

/** Small reference tables an import or export reads once: attributes, platforms, price lists, collections. */
export interface CatalogIoLookups {
  attributeTypes: Map<string, AttributeType>;
  /** Platform code → id, and back. */
  platformIds: Map<string, string>;
  platformCodes: Map<string, string>;
  /** Price list code → { id, currency }, and id → code. */
  priceLists: Map<string, { id: string; currency: string }>;
  priceListCodes: Map<string, string>;
  /** Collection handle → id, and back. */
  collectionIds: Map<string, string>;
  collectionHandles: Map<string, string>;
}

/** Loads the lookups (four small queries). */
export async function loadLookups(ctx: Ctx): Promise<CatalogIoLookups> {
  const [attributes, platforms, lists, collections] = await inOrder(
    ctx.db(C.attribute).select('code', 'type') as Promise<{ code: string; type: AttributeType }[]>,
    ctx.db('platform').select('id', 'code') as Promise<{ id: string; code: string }[]>,
    ctx.db(PricingTables.priceList).select('id', 'code', 'currency') as Promise<{ id: string; code: string; currency: string }[]>,
    ctx.db(C.collection).select('id', 'handle') as Promise<{ id: string; handle: string }[]>,
  );
  return {
    attributeTypes: new Map(attributes.map((a) => [a.code, a.type])),
    platformIds: new Map(platforms.map((p) => [p.code, p.id])),
    platformCodes: new Map(platforms.map((p) => [p.id, p.code])),
    priceLists: new Map(lists.map((l) => [l.code, { id: l.id, currency: l.currency }])),
    priceListCodes: new Map(lists.map((l) => [l.id, l.code])),
    collectionIds: new Map(collections.map((c) => [c.handle, c.id])),
    collectionHandles: new Map(collections.map((c) => [c.id, c.handle])),
  };
}
