import type { PlatformRef } from '../../kernel/context.js';
import { fromJson } from '../../db/json-column.js';

/** A platform's status: disabled platforms refuse their keys. */
export type PlatformStatus = 'active' | 'disabled';

/** A `platform` row as the database returns it (bigints may come back as strings on pg). */
export interface PlatformRow {
  id: string;
  code: string;
  name: string;
  type: string;
  currency: string;
  locale: string;
  status: PlatformStatus;
  settings: unknown;
  price_list_id: string | null;
  created_at: string | number;
  updated_at: string | number;
}

/** A `platform_key` row. */
export interface PlatformKeyRow {
  id: string;
  platform_id: string;
  label: string;
  key_hash: string;
  key_prefix: string;
  created_at: string | number;
  created_by: string | null;
  revoked_at: string | number | null;
  revoked_by: string | null;
  last_used_at: string | number | null;
}

/** A platform (sales channel instance). */
export interface Platform {
  id: string;
  code: string;
  name: string;
  /** The platform type's code; the type may no longer be installed. */
  type: string;
  currency: string;
  locale: string;
  status: PlatformStatus;
  settings: Record<string, unknown>;
  priceListId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A publishable key, masked: its secret is shown only when it is created. */
export interface PlatformKey {
  id: string;
  platformId: string;
  label: string;
  /** The first characters of the key, for recognising it (`pk_AbCdEfGh`). */
  prefix: string;
  createdAt: Date;
  createdBy: string | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** A key as issued: the masked key and its full secret, shown this once. */
export interface IssuedPlatformKey {
  key: PlatformKey;
  secret: string;
}

function optionalDate(value: string | number | null): Date | null {
  return value === null ? null : new Date(Number(value));
}

/** Maps a platform row. */
export function toPlatform(row: PlatformRow): Platform {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    currency: row.currency,
    locale: row.locale,
    status: row.status,
    settings: fromJson<Record<string, unknown>>(row.settings) ?? {},
    priceListId: row.price_list_id,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** Maps a key row (never exposing its hash). */
export function toPlatformKey(row: PlatformKeyRow): PlatformKey {
  return {
    id: row.id,
    platformId: row.platform_id,
    label: row.label,
    prefix: row.key_prefix,
    createdAt: new Date(Number(row.created_at)),
    createdBy: row.created_by,
    revokedAt: optionalDate(row.revoked_at),
    lastUsedAt: optionalDate(row.last_used_at),
  };
}

/** The reference a channel request carries (`ctx.platform`). */
export function toPlatformRef(p: Pick<Platform, 'id' | 'code' | 'type' | 'currency' | 'locale'>): PlatformRef {
  return Object.freeze({ id: p.id, code: p.code, type: p.type, currency: p.currency, locale: p.locale });
}

const SECRET_FIELD = /secret|token|password|passwd|api_?key|credential|private/i;

/** A copy of settings with values of secret-looking fields (`apiKey`, `clientSecret`, …) replaced. */
export function redactSettings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSettings);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? '[redacted]' : redactSettings(v)]));
}

/** What the audit log keeps of a platform; settings fields that look secret are redacted. */
export function platformSummary(p: Platform): Record<string, unknown> {
  return { code: p.code, name: p.name, type: p.type, currency: p.currency, locale: p.locale, status: p.status, settings: redactSettings(p.settings) };
}

/** What the audit log keeps of a key: never its secret or hash. */
export function keySummary(k: PlatformKey): Record<string, unknown> {
  return { label: k.label, prefix: k.prefix, revokedAt: k.revokedAt?.toISOString() ?? null };
}
