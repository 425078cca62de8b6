import type { Knex } from 'knex';
import type { PlatformRef } from '../../kernel/context.js';
import { selectChannelProductColumns, type ChannelProductRow } from '../catalog/channel-product.js';

export { toChannelProduct } from '../catalog/channel-product.js';

/** A page row: the product as the channel shows it (translated text), with its relevance. */
export interface SearchProductRow extends ChannelProductRow {
  score?: number | string;
}

/** Adds the catalog's channel product columns (translated text) to a candidates query (`p`). */
export function selectChannelColumns(db: Knex, platform: PlatformRef, query: Knex.QueryBuilder): Knex.QueryBuilder {
  return selectChannelProductColumns(db, platform, query);
}
