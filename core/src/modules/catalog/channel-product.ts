import type { Knex } from 'knex';
import { epochMillis } from '../../db/epoch-column.js';
import { fromJson } from '../../db/json-column.js';
import type { PlatformRef } from '../../kernel/context.js';
import type { AttributeValues } from './catalog.records.js';
import { CatalogTables as T } from './catalog.tables.js';

/**
 * A product as a shopper sees it on a channel: active, published to the request's platform,
 * its title and description in the platform's locale when translated (else the default text).
 */
export interface ChannelProduct {
  id: string;
  handle: string;
  title: string;
  description: string;
  brand: string | null;
  attributes: AttributeValues;
  updatedAt: Date;
}

/** The columns {@link selectChannelProductColumns} reads. */
export interface ChannelProductRow {
  id: string;
  handle: string;
  title: string;
  description: string;
  brand: string | null;
  attributes: unknown;
  updated_at: number | string;
}

/**
 * Adds the channel product columns to a query over products aliased `p`: the title and
 * description in the platform's locale, then its language ("es" of "es-ES"), else the default
 * text. The catalog's channel reads and the search module share it.
 */
export function selectChannelProductColumns(db: Knex | Knex.Transaction, platform: PlatformRef, query: Knex.QueryBuilder): Knex.QueryBuilder {
  const dash = platform.locale.indexOf('-');
  const lang = dash > 0 ? platform.locale.slice(0, dash) : null;
  query.leftJoin(`${T.translation} as t`, (j) => j.on('t.product_id', 'p.id').andOnVal('t.locale', platform.locale));
  if (lang) query.leftJoin(`${T.translation} as tl`, (j) => j.on('tl.product_id', 'p.id').andOnVal('tl.locale', lang));
  const text = (column: string) => db.raw(`coalesce(t.${column}, ${lang ? `tl.${column}, ` : ''}p.${column}) as ${column}`);
  return query.select('p.id', 'p.handle', text('title'), text('description'), 'p.brand', 'p.attributes', 'p.updated_at');
}

/** A row of {@link selectChannelProductColumns} as the channel `Product` type resolves it. */
export function toChannelProduct(row: ChannelProductRow): ChannelProduct {
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
