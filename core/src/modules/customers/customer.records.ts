import { fromJson } from '../../db/json-column.js';
import { epochDateOrNull, epochMillis } from '../../db/epoch-column.js';
import type { IdentityKind } from './identity-value.js';

export type CustomerStatus = 'active' | 'merged' | 'erased';

/** The one golden record of a person across every platform. */
export interface Customer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  createdPlatformId: string | null;
  status: CustomerStatus;
  /** Set when this record was merged into another (`status` merged). */
  mergedIntoId: string | null;
  tags: string[];
  defaultShippingAddressId: string | null;
  defaultBillingAddressId: string | null;
  createdAt: Date;
  updatedAt: Date;
  erasedAt: Date | null;
}

/** A way to recognise a customer (an e-mail, a phone, a social handle…). */
export interface CustomerIdentity {
  id: string;
  customerId: string;
  kind: IdentityKind;
  namespace: string;
  value: string;
  verified: boolean;
  platformId: string | null;
  createdAt: Date;
  verifiedAt: Date | null;
}

/** Lifetime figures, kept up to date from purchase events. */
export interface CustomerFigures {
  ordersCount: number;
  spend: { currency: string; amount: number }[];
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  preferredLocationId: string | null;
}

/** One entry of a customer's timeline. */
export interface TimelineEntry {
  id: string;
  customerId: string;
  platformId: string | null;
  kind: string;
  summary: string;
  reference: { type: string; id: string } | null;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export interface CustomerRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  search_first: string | null;
  search_last: string | null;
  locale: string | null;
  created_platform_id: string | null;
  status: CustomerStatus;
  merged_into_id: string | null;
  tags: unknown;
  default_shipping_address_id: string | null;
  default_billing_address_id: string | null;
  created_at: number | string;
  updated_at: number | string;
  erased_at: number | string | null;
}

export interface IdentityRow {
  id: string;
  customer_id: string;
  kind: IdentityKind;
  namespace: string;
  value: string;
  verified: boolean | number;
  platform_id: string | null;
  created_at: number | string;
  verified_at: number | string | null;
}

export interface TimelineRow {
  id: string;
  customer_id: string;
  platform_id: string | null;
  kind: string;
  summary: string;
  reference_type: string | null;
  reference_id: string | null;
  data: unknown;
  event_id: string | null;
  occurred_at: number | string;
}

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    locale: row.locale,
    createdPlatformId: row.created_platform_id,
    status: row.status,
    mergedIntoId: row.merged_into_id,
    tags: fromJson<string[]>(row.tags),
    defaultShippingAddressId: row.default_shipping_address_id,
    defaultBillingAddressId: row.default_billing_address_id,
    createdAt: new Date(epochMillis(row.created_at)),
    updatedAt: new Date(epochMillis(row.updated_at)),
    erasedAt: epochDateOrNull(row.erased_at),
  };
}

export function toIdentity(row: IdentityRow): CustomerIdentity {
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind,
    namespace: row.namespace,
    value: row.value,
    verified: Boolean(row.verified),
    platformId: row.platform_id,
    createdAt: new Date(epochMillis(row.created_at)),
    verifiedAt: epochDateOrNull(row.verified_at),
  };
}

export function toTimelineEntry(row: TimelineRow): TimelineEntry {
  return {
    id: row.id,
    customerId: row.customer_id,
    platformId: row.platform_id,
    kind: row.kind,
    summary: row.summary,
    reference: row.reference_type && row.reference_id ? { type: row.reference_type, id: row.reference_id } : null,
    data: fromJson<Record<string, unknown>>(row.data),
    occurredAt: new Date(epochMillis(row.occurred_at)),
  };
}

/** Lowercased, accent-free text for prefix lookup ("Álvarez" → "alvarez"). */
export function searchText(value: string | null | undefined): string | null {
  const text = (value ?? '').normalize('NFD').replace(/\p{Diacritic}/gu, '').trim().toLowerCase();
  return text.length > 0 ? text : null;
}
