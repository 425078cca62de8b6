import type { Knex } from 'knex';
import type { Ctx } from '../../../kernel/context.js';
import { newId } from '../../../kernel/ids.js';
import type { TestEnvironment } from '../../../testing/index.js';

/** A product as the fixture writes it (straight into the catalog tables, as the catalog service would). */
export interface FixtureProduct {
  handle: string;
  title: string;
  description?: string;
  brand?: string | null;
  status?: 'draft' | 'active' | 'archived';
  attributes?: Record<string, unknown>;
  categoryIds?: string[];
  published?: boolean;
  skus?: string[];
  gtins?: (string | null)[];
  translations?: { locale: string; title: string; description?: string }[];
}

/** Test data written directly to the tables (the catalog's own service is tested by the catalog). */
export class SearchFixture {
  readonly platformId = newId('plat');
  readonly ctx: Ctx;

  constructor(readonly env: TestEnvironment, readonly locale = 'es-ES') {
    const base = env.plaza.systemCtx();
    this.ctx = { ...base, api: 'channel', actor: null, platform: { id: this.platformId, code: `web-${this.platformId.slice(-6).toLowerCase()}`, type: 'headless', currency: 'EUR', locale } };
  }

  get db(): Knex {
    return this.env.plaza.db;
  }

  async init(): Promise<this> {
    const now = Date.now();
    await this.db('platform').insert({ id: this.platformId, code: this.ctx.platform!.code, name: 'Search test', type: 'headless', currency: 'EUR', locale: this.locale, status: 'active', settings: '{}', price_list_id: null, created_at: now, updated_at: now });
    return this;
  }

  async category(handle: string, parentId: string | null = null): Promise<string> {
    const id = newId('cat');
    const parentPath = parentId ? ((await this.db('catalog_category').where('id', parentId).first('path')) as { path: string }).path : '/';
    const now = Date.now();
    await this.db('catalog_category').insert({ id, parent_id: parentId, handle, name: handle[0]!.toUpperCase() + handle.slice(1), path: `${parentPath}${id}/`, position: 0, created_at: now, updated_at: now });
    return id;
  }

  async attribute(code: string, type: string, appliesTo: 'product' | 'variant' = 'product', filterable = true): Promise<void> {
    await this.db('catalog_attribute').insert({ id: newId('attr'), code, label: code.toUpperCase(), type, options: null, filterable, required: false, applies_to: appliesTo, created_at: Date.now() });
  }

  /** Writes a product, its variants, categories, assortment and search documents; returns its id and variant ids. */
  async product(p: FixtureProduct): Promise<{ id: string; variantIds: string[] }> {
    const id = newId('prod');
    const now = Date.now();
    const skus = p.skus ?? [`${p.handle.toUpperCase()}-1`];
    await this.db('catalog_product').insert({ id, handle: p.handle, title: p.title, description: p.description ?? '', brand: p.brand ?? null, status: p.status ?? 'active', attributes: JSON.stringify(p.attributes ?? {}), created_at: now, updated_at: now });
    const variantIds = skus.map(() => newId('var'));
    await this.db('catalog_variant').insert(
      skus.map((sku, i) => ({ id: variantIds[i], product_id: id, sku, gtin: p.gtins?.[i] ?? null, title: sku, position: i, option_values: '{}', attributes: '{}', weight_grams: null, status: 'active', created_at: now, updated_at: now })),
    );
    for (const categoryId of p.categoryIds ?? []) await this.db('catalog_product_category').insert({ product_id: id, category_id: categoryId });
    if (p.published !== false) await this.db('catalog_product_platform').insert({ product_id: id, platform_id: this.platformId, published_at: now });
    const codes = [...skus, ...(p.gtins ?? []).flatMap((g) => (g ? [g, g.replace(/^0+/, '')] : []))].join(' ');
    const doc = { product_id: id, brand: p.brand ?? '', codes };
    await this.db('catalog_search_document').insert({ ...doc, locale: '', title: p.title, description: p.description ?? '' });
    for (const t of p.translations ?? []) await this.db('catalog_search_document').insert({ ...doc, locale: t.locale, title: t.title, description: t.description ?? '' });
    return { id, variantIds };
  }
}
