import { epochDateOrNull, epochMillis, epochMillisOrNull } from '../../db/epoch-column.js';

/** A price list's status: an archived list prices nothing. */
export type PriceListStatus = 'active' | 'archived';

/** A `pricing_price_list` row (bigints may come back as strings on pg). */
export interface PriceListRow {
  id: string;
  code: string;
  name: string;
  currency: string;
  status: PriceListStatus;
  created_at: string | number;
  updated_at: string | number;
}

/** A `pricing_price` row. */
export interface PriceRow {
  id: string;
  price_list_id: string;
  variant_id: string;
  amount: string | number;
  compare_at_amount: string | number | null;
  customer_group_id: string | null;
  starts_at: string | number | null;
  ends_at: string | number | null;
  min_quantity: number;
  created_at: string | number;
  updated_at: string | number;
}

/** A price list: prices of variants in one currency, linked to the platforms that sell with it. */
export interface PriceList {
  id: string;
  code: string;
  name: string;
  currency: string;
  status: PriceListStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** One price of a variant in a price list. Amounts are integers in minor units of the list's currency. */
export interface Price {
  id: string;
  priceListId: string;
  variantId: string;
  currency: string;
  amount: number;
  compareAtAmount: number | null;
  customerGroupId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  minQuantity: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Maps a price list row. */
export function toPriceList(row: PriceListRow): PriceList {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    currency: row.currency,
    status: row.status,
    createdAt: new Date(epochMillis(row.created_at)),
    updatedAt: new Date(epochMillis(row.updated_at)),
  };
}

/** Maps a price row; `currency` is its list's. */
export function toPrice(row: PriceRow, currency: string): Price {
  return {
    id: row.id,
    priceListId: row.price_list_id,
    variantId: row.variant_id,
    currency,
    amount: epochMillis(row.amount),
    compareAtAmount: epochMillisOrNull(row.compare_at_amount),
    customerGroupId: row.customer_group_id,
    startsAt: epochDateOrNull(row.starts_at),
    endsAt: epochDateOrNull(row.ends_at),
    minQuantity: Number(row.min_quantity),
    createdAt: new Date(epochMillis(row.created_at)),
    updatedAt: new Date(epochMillis(row.updated_at)),
  };
}

/** What the audit log keeps of a price list. */
export function priceListSummary(list: PriceList): Record<string, unknown> {
  return { code: list.code, name: list.name, currency: list.currency, status: list.status };
}

/** What the audit log keeps of a price. */
export function priceSummary(price: Price): Record<string, unknown> {
  return {
    variantId: price.variantId,
    amount: price.amount,
    compareAtAmount: price.compareAtAmount,
    customerGroupId: price.customerGroupId,
    startsAt: price.startsAt?.toISOString() ?? null,
    endsAt: price.endsAt?.toISOString() ?? null,
    minQuantity: price.minQuantity,
  };
}
