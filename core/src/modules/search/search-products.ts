import type { Knex } from 'knex';
import { epochMillis } from '../../db/epoch-column.js';
import { fromJson } from '../../db/json-column.js';
import type { PlatformRef } from '../../kernel/context.js';
import type { AttributeValues } from '../catalog/catalog.records.js';
import { CatalogTables as C } from '../catalog/catalog.tables.js';
import type { ChannelProduct } from '../catalog/channel-catalog.js';

/** A page row: the product as the channel shows it (translated text), with its relevance. */
export interface SearchProductRow {
  id: string;
  handle: string;
  title: string;
  description: string;
  brand: string | null;
  attributes: unknown;
  updated_at: number | string;
  score?: number | string;
}

/**
 * Adds the channel product columns to a candidates query (`p`): the title and description in
 * the platform's locale, then its language, else the default text — as the catalog's channel
 * reads show them.
 */
export function selectChannelColumns(db: Knex, platform: PlatformRef, query: Knex.QueryBuilder): Knex.QueryBuilder {
  const dash = platform.locale.indexOf('-');
  const lang = dash > 0 ? platform.locale.slice(0, dash) : null;
  query.leftJoin(`${C.translation} as t`, (j) => j.on('t.product_id', 'p.id').andOnVal('t.locale', platform.locale));
  if (lang) query.leftJoin(`${C.translation} as tl`, (j) => j.on('tl.product_id', 'p.id').andOnVal('tl.locale', lang));
  const text = (column: string) => db.raw(`coalesce(t.${column}, ${lang ? `tl.${column}, ` : ''}p.${column}) as ${column}`);
  return query.select('p.id', 'p.handle', text('title'), text('description'), 'p.brand', 'p.attributes', 'p.updated_at');
}

/** A page row as the catalog's channel `Product` type resolves it. */
export function toChannelProduct(row: SearchProductRow): ChannelProduct {
  return {
    id: row.id,
    handle: row.handle,
    title: row.title,
    description: row.description,
    brand: row.brand,
    attributes: fromJson<AttributeValues>(row.attributes) ?? {},
    updatedAt: new Date(epochMillis(row.updated_at)),
  };
}
