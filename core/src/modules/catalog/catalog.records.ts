import { epochMillis } from '../../db/epoch-column.js';
import { fromJson } from '../../db/json-column.js';
import type { TaxCategory } from '../tax/tax-engine.js';

/** A product's lifecycle: drafts and archived products are never shown on a channel. */
export type ProductStatus = 'draft' | 'active' | 'archived';
/** A variant's status: archived variants are kept (orders reference them) but not sold. */
export type VariantStatus = 'active' | 'archived';
/** Custom attribute values, validated by the attribute definitions. */
export type AttributeValues = Record<string, unknown>;

/** A `catalog_product` row. */
export interface ProductRow {
  id: string;
  handle: string;
  title: string;
  description: string;
  brand: string | null;
  status: ProductStatus;
  attributes: unknown;
  created_at: number | string;
  updated_at: number | string;
}

/** A product as services return it. */
export interface Product {
  id: string;
  handle: string;
  title: string;
  description: string;
  brand: string | null;
  status: ProductStatus;
  attributes: AttributeValues;
  createdAt: Date;
  updatedAt: Date;
}

/** A `catalog_variant` row. */
export interface VariantRow {
  id: string;
  product_id: string;
  sku: string;
  gtin: string | null;
  title: string;
  position: number;
  option_values: unknown;
  attributes: unknown;
  weight_grams: number | null;
  tax_category: string;
  status: VariantStatus;
  created_at?: number | string;
  updated_at?: number | string;
}

/** A variant (a sellable item: one value per option of its product). */
export interface Variant {
  id: string;
  productId: string;
  sku: string;
  /** 14 digits, or null. */
  gtin: string | null;
  title: string;
  position: number;
  /** `{ optionName: value }` in the product's option order. */
  optionValues: Record<string, string>;
  attributes: AttributeValues;
  weightGrams: number | null;
  /** The tax category checkout taxes it with (`standard` unless set). */
  taxCategory: TaxCategory;
  status: VariantStatus;
}

/** A product option with its ordered values. */
export interface ProductOption {
  id: string;
  productId: string;
  name: string;
  position: number;
  values: string[];
}

/** A media item (image URL with alt text). */
export interface ProductMedia {
  id: string;
  productId: string;
  variantId: string | null;
  url: string;
  alt: string;
  position: number;
}

/** A translation of a product's text. */
export interface ProductTranslation {
  productId: string;
  locale: string;
  title: string;
  description: string;
}

/** A node of the category tree. */
export interface Category {
  id: string;
  parentId: string | null;
  handle: string;
  name: string;
  /** Materialized path of ids, own id last: "/cat_a/cat_b/". */
  path: string;
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A curated, ordered list of products. */
export interface Collection {
  id: string;
  handle: string;
  title: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The type of a custom attribute. */
export type AttributeType = 'string' | 'number' | 'boolean' | 'enum' | 'string_list';

/** What a custom attribute is set on. */
export type AttributeTarget = 'product' | 'variant';

/** A custom attribute definition. */
export interface AttributeDefinition {
  id: string;
  code: string;
  label: string;
  type: AttributeType;
  /** Allowed values of an `enum` attribute. */
  options: string[] | null;
  filterable: boolean;
  required: boolean;
  appliesTo: AttributeTarget;
  createdAt: Date;
}

function date(value: number | string): Date {
  return new Date(epochMillis(value));
}

/** Maps a product row. */
export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    handle: row.handle,
    title: row.title,
    description: row.description,
    brand: row.brand,
    status: row.status,
    attributes: fromJson<AttributeValues>(row.attributes) ?? {},
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

/** Maps a variant row. */
export function toVariant(row: VariantRow): Variant {
  return {
    id: row.id,
    productId: row.product_id,
    sku: row.sku,
    gtin: row.gtin,
    title: row.title,
    position: Number(row.position),
    optionValues: fromJson<Record<string, string>>(row.option_values) ?? {},
    attributes: fromJson<AttributeValues>(row.attributes) ?? {},
    weightGrams: row.weight_grams === null ? null : Number(row.weight_grams),
    taxCategory: (row.tax_category ?? 'standard') as TaxCategory,
    status: row.status,
  };
}

/** Maps an option row. */
export function toOption(row: { id: string; product_id: string; name: string; position: number; values: unknown }): ProductOption {
  return { id: row.id, productId: row.product_id, name: row.name, position: Number(row.position), values: fromJson<string[]>(row.values) ?? [] };
}

/** Maps a media row. */
export function toMedia(row: { id: string; product_id: string; variant_id: string | null; url: string; alt: string; position: number }): ProductMedia {
  return { id: row.id, productId: row.product_id, variantId: row.variant_id, url: row.url, alt: row.alt, position: Number(row.position) };
}

/** A `catalog_category` row. */
export interface CategoryRow {
  id: string;
  parent_id: string | null;
  handle: string;
  name: string;
  path: string;
  position: number;
  created_at: number | string;
  updated_at: number | string;
}

/** Maps a category row. */
export function toCategory(row: CategoryRow): Category {
  return {
    id: row.id,
    parentId: row.parent_id,
    handle: row.handle,
    name: row.name,
    path: row.path,
    position: Number(row.position),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

/** A `catalog_collection` row. */
export interface CollectionRow {
  id: string;
  handle: string;
  title: string;
  description: string;
  created_at: number | string;
  updated_at: number | string;
}

/** Maps a collection row. */
export function toCollection(row: CollectionRow): Collection {
  return { id: row.id, handle: row.handle, title: row.title, description: row.description, createdAt: date(row.created_at), updatedAt: date(row.updated_at) };
}

/** A `catalog_attribute` row. */
export interface AttributeRow {
  id: string;
  code: string;
  label: string;
  type: AttributeType;
  options: unknown;
  filterable: boolean | number;
  required: boolean | number;
  applies_to: AttributeTarget;
  created_at: number | string;
}

/** Maps an attribute definition row. */
export function toAttribute(row: AttributeRow): AttributeDefinition {
  return {
    id: row.id,
    code: row.code,
    label: row.label,
    type: row.type,
    options: fromJson<string[] | null>(row.options) ?? null,
    filterable: Boolean(row.filterable),
    required: Boolean(row.required),
    appliesTo: row.applies_to,
    createdAt: date(row.created_at),
  };
}

/** What the audit log keeps of a product. */
export function productSummary(p: Product): Record<string, unknown> {
  return { handle: p.handle, title: p.title, brand: p.brand, status: p.status };
}
