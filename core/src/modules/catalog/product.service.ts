import { inject, injectable } from 'tsyringe';
import type { z } from 'zod';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError, type FieldError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import { CatalogPermission as P } from './catalog.permissions.js';
import { CatalogTables as T } from './catalog.tables.js';
import { productSummary, toProduct, toVariant, type Product, type ProductRow, type ProductStatus, type Variant, type VariantRow } from './catalog.records.js';
import { CatalogTokens } from './catalog.tokens.js';
import { checkDraft, productDraft, variantDraft, type ProductDraft } from './product-draft.js';
import {
  invalidInput,
  parseFields,
  productInputSchema,
  updateProductSchema,
  variantInputSchema,
  type CreateVariantInput,
  type ProductInput,
  type UpdateProductInput,
  type UpdateVariantInput,
} from './product.inputs.js';
import { assertUnique, findProductRow, loadAttributeDefinitions, loadDraft, resolveCategories, writeDraft } from './product.store.js';
import { isUniqueViolation } from '../../db/unique-violation.js';

/** What `upsertProductByHandle` did. */
export interface UpsertResult {
  product: Product;
  created: boolean;
}

/** Field paths of a whole-product check, seen from one variant's mutation (`variants.3.sku` → `sku`). */
function remapVariantFields(fields: FieldError[], index: number): FieldError[] {
  const prefix = `variants.${index}.`;
  return fields.map((f) => (f.path.startsWith(prefix) ? { ...f, path: f.path.slice(prefix.length) } : f));
}

/** Keeps ids of variants that exist on the product (given, or matched by SKU); new ones get a fresh id. */
function assignVariantIds(draft: ProductDraft, existing: readonly { id: string; sku: string }[]): void {
  const ids = new Set(existing.map((v) => v.id));
  const bySku = new Map(existing.map((v) => [v.sku.toLowerCase(), v.id]));
  const used = new Set<string>();
  for (const v of draft.variants) {
    let id = v.id && ids.has(v.id) ? v.id : bySku.get(v.sku.toLowerCase());
    if (!id || used.has(id)) id = newId('var');
    used.add(id);
    v.id = id;
  }
}

/**
 * Products with their variants, options, categories, media, translations and attributes.
 * Every write checks `catalog.manage`, validates the whole product (every field problem at
 * once), runs in one transaction with the search documents, the audit entry and the event.
 */
@injectable()
export class ProductService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(CatalogTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** One product by id or handle. NOT_FOUND when it does not exist. Needs `catalog.read`. */
  async get(ctx: Ctx, ref: { id?: string | null; handle?: string | null }): Promise<Product> {
    requirePermission(ctx, P.Read);
    const row = ref.id ? await findProductRow(ctx.db, ref.id) : ref.handle ? ((await ctx.db(T.product).where('handle', ref.handle).first()) as ProductRow | undefined) : undefined;
    if (!row) throw errors.notFound('Product', ref.id ?? ref.handle ?? '');
    return toProduct(row);
  }

  /** One variant. Needs `catalog.read`. */
  async variant(ctx: Ctx, id: string): Promise<Variant> {
    requirePermission(ctx, P.Read);
    const row = (await ctx.db(T.variant).where('id', id).first()) as VariantRow | undefined;
    if (!row) throw errors.notFound('Variant', id);
    return toVariant(row);
  }

  /** Creates a product with its variants. CONFLICT when the handle, a SKU or a GTIN is taken. */
  async create(ctx: Ctx, input: ProductInput): Promise<Product> {
    requirePermission(ctx, P.Manage);
    const { data, fields } = parseFields(productInputSchema, input);
    if (!data) throw invalidInput('product', fields);
    return inTransaction(ctx, (trx) => this.save(trx, null, productDraft(data), ['created']));
  }

  /**
   * Creates the product with this handle, or replaces it (fields, options, variants matched by
   * SKU so their ids survive, categories by handle path, media, translations, attributes) in
   * one transaction. Validates everything first and reports every field problem at once.
   * For the CSV importer.
   */
  async upsertByHandle(ctx: Ctx, input: ProductInput): Promise<UpsertResult> {
    requirePermission(ctx, P.Manage);
    const { data, fields } = parseFields(productInputSchema, input);
    if (!data) throw invalidInput('product', fields);
    return inTransaction(ctx, async (trx) => {
      const existing = (await trx.db(T.product).where('handle', data.handle).first()) as ProductRow | undefined;
      const product = await this.save(trx, existing ?? null, productDraft(data), existing ? ['replaced'] : ['created']);
      return { product, created: !existing };
    });
  }

  /** Edits a product; fields left out keep their value, lists given replace the whole list. */
  async update(ctx: Ctx, input: UpdateProductInput): Promise<Product> {
    requirePermission(ctx, P.Manage);
    const { data, fields } = parseFields(updateProductSchema, input);
    if (!data) throw invalidInput('product', fields);
    return inTransaction(ctx, async (trx) => {
      const row = await this.loadRow(trx, data.id);
      const next = await loadDraft(trx.db, row);
      const changed = applyProductChanges(next, data);
      if (changed.length === 0) return toProduct(row);
      return this.save(trx, row, next, [...new Set(changed)]);
    });
  }

  /** Sets the status of several products at once (each audited and published). Needs `catalog.manage`. */
  async setStatus(ctx: Ctx, ids: readonly string[], status: ProductStatus): Promise<Product[]> {
    requirePermission(ctx, P.Manage);
    if (!['draft', 'active', 'archived'].includes(status)) throw invalidInput('status', [{ path: 'status', message: 'must be DRAFT, ACTIVE or ARCHIVED' }]);
    if (ids.length === 0 || ids.length > 100) throw invalidInput('status', [{ path: 'ids', message: 'must list 1 to 100 products' }]);
    return inTransaction(ctx, async (trx) => {
      const rows = (await trx.db(T.product).whereIn('id', [...new Set(ids)]).select('*')) as ProductRow[];
      const missing = ids.filter((id) => !rows.some((r) => r.id === id));
      if (missing.length) throw errors.notFound('Product', missing.join(', '));
      const now = Date.now();
      const out: Product[] = [];
      for (const row of rows) {
        if (row.status === status) {
          out.push(toProduct(row));
          continue;
        }
        await trx.db(T.product).where('id', row.id).update({ status, updated_at: now });
        const after = toProduct({ ...row, status, updated_at: now });
        await this.audit.record(trx, { action: 'product.updated', entityType: 'product', entityId: row.id, before: { status: row.status }, after: { status } });
        await this.events.publish(trx, 'product.updated', { productId: row.id, handle: row.handle, changed: ['status'] }, { platformId: null });
        out.push(after);
      }
      return ids.map((id) => out.find((p) => p.id === id)!);
    });
  }

  /** Deletes a product with its variants, options, media, translations and assortment. */
  async delete(ctx: Ctx, id: string): Promise<Product> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const product = toProduct(await this.loadRow(trx, id));
      await trx.db(T.searchDocument).where('product_id', id).delete();
      await trx.db(T.product).where('id', id).delete();
      await this.audit.record(trx, { action: 'product.deleted', entityType: 'product', entityId: id, before: productSummary(product), after: null });
      await this.events.publish(trx, 'product.deleted', { productId: id, handle: product.handle }, { platformId: null });
      return product;
    });
  }

  /** Adds a variant to a product (one value per option; SKU and GTIN unique). */
  async createVariant(ctx: Ctx, input: CreateVariantInput): Promise<Variant> {
    requirePermission(ctx, P.Manage);
    const productId = typeof input?.productId === 'string' ? input.productId : '';
    const { data, fields } = parseFields(variantInputSchema, { ...input, productId: undefined, id: undefined });
    if (!data) throw invalidInput('variant', fields);
    return inTransaction(ctx, async (trx) => {
      const row = await this.loadRow(trx, productId);
      const draft = await loadDraft(trx.db, row);
      const variant = variantDraft(data);
      variant.id = newId('var');
      draft.variants.push(variant);
      await this.save(trx, row, draft, ['variants'], draft.variants.length - 1);
      return this.variant(trx, variant.id);
    });
  }

  /** Edits a variant; fields left out keep their value. */
  async updateVariant(ctx: Ctx, input: UpdateVariantInput): Promise<Variant> {
    requirePermission(ctx, P.Manage);
    const id = typeof input?.id === 'string' ? input.id : '';
    return inTransaction(ctx, async (trx) => {
      const current = await this.variant(trx, id);
      const row = await this.loadRow(trx, current.productId);
      const draft = await loadDraft(trx.db, row);
      const index = draft.variants.findIndex((v) => v.id === id);
      const before = draft.variants[index]!;
      const merged = { ...before, ...stripUnset(input as Record<string, unknown>), id };
      const { data, fields } = parseFields(variantInputSchema, merged);
      if (!data) throw invalidInput('variant', fields);
      draft.variants[index] = { ...variantDraft(data), id, title: data.title === undefined ? before.title : variantDraft(data).title };
      await this.save(trx, row, draft, ['variants'], index);
      return this.variant(trx, id);
    });
  }

  /** Deletes a variant. */
  async deleteVariant(ctx: Ctx, id: string): Promise<Variant> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const current = await this.variant(trx, id);
      const row = await this.loadRow(trx, current.productId);
      const draft = await loadDraft(trx.db, row);
      draft.variants = draft.variants.filter((v) => v.id !== id);
      await this.save(trx, row, draft, ['variants']);
      return current;
    });
  }

  private async loadRow(ctx: Ctx, id: string): Promise<ProductRow> {
    const row = await findProductRow(ctx.db, id);
    if (!row) throw errors.notFound('Product', id);
    return row;
  }

  /** Checks and writes a whole draft in `trx`; audits and publishes. */
  private async save(trx: Ctx, before: ProductRow | null, draft: ProductDraft, changed: string[], variantIndex?: number): Promise<Product> {
    const defs = await loadAttributeDefinitions(trx.db);
    const fields = checkDraft(draft, defs);
    fields.push(...(await resolveCategories(trx.db, draft)));
    const shown = variantIndex === undefined ? fields : remapVariantFields(fields, variantIndex);
    if (shown.length > 0) throw invalidInput(variantIndex === undefined ? 'product' : 'variant', shown);
    const existing = before ? ((await trx.db(T.variant).where('product_id', before.id).select('id', 'sku')) as { id: string; sku: string }[]) : [];
    assignVariantIds(draft, existing);
    try {
      await assertUnique(trx.db, before?.id ?? null, draft);
    } catch (error) {
      if (error instanceof PlazaError && variantIndex !== undefined) {
        throw new PlazaError(error.code, error.message, { reason: error.reason, fields: remapVariantFields(error.fields ?? [], variantIndex) });
      }
      throw error;
    }
    let id: string;
    try {
      id = await writeDraft(trx.db, before?.id ?? null, draft);
    } catch (error) {
      if (isUniqueViolation(error)) throw new PlazaError('CONFLICT', 'A handle, SKU or GTIN was taken at the same time; try again', { reason: 'CATALOG_VALUE_TAKEN', cause: error });
      throw error;
    }
    const product = toProduct((await findProductRow(trx.db, id))!);
    const summary = { ...productSummary(product), variants: draft.variants.map((v) => v.sku) };
    if (before) {
      await this.audit.record(trx, { action: 'product.updated', entityType: 'product', entityId: id, before: productSummary(toProduct(before)), after: summary });
      await this.events.publish(trx, 'product.updated', { productId: id, handle: product.handle, changed }, { platformId: null });
    } else {
      await this.audit.record(trx, { action: 'product.created', entityType: 'product', entityId: id, before: null, after: summary });
      await this.events.publish(trx, 'product.created', { productId: id, handle: product.handle }, { platformId: null });
    }
    trx.loaders.clearAll();
    return product;
  }
}

/**
 * Applies the fields an update gives to a stored draft; returns the names of those given.
 * null clears optional fields and lists; required fields (handle, title, status) ignore null.
 */
function applyProductChanges(next: ProductDraft, data: z.output<typeof updateProductSchema>): string[] {
  const changed: string[] = [];
  if (data.handle) {
    next.handle = data.handle;
    changed.push('handle');
  }
  if (data.title) {
    next.title = data.title;
    changed.push('title');
  }
  if (data.status) {
    next.status = data.status;
    changed.push('status');
  }
  if (data.description !== undefined) {
    next.description = data.description ?? '';
    changed.push('description');
  }
  if (data.brand !== undefined) {
    next.brand = data.brand?.trim() ? data.brand.trim() : null;
    changed.push('brand');
  }
  if (data.attributes !== undefined) {
    next.attributes = data.attributes ?? {};
    changed.push('attributes');
  }
  if (data.options !== undefined) {
    next.options = data.options ?? [];
    changed.push('options');
  }
  if (data.categoryIds !== undefined || data.categoryPaths !== undefined) {
    next.categoryIds = data.categoryIds ?? [];
    next.categoryPaths = data.categoryPaths ?? [];
    changed.push('categories');
  }
  if (data.media !== undefined) {
    next.media = (data.media ?? []).map((m) => ({ url: m.url, alt: m.alt ?? '' }));
    changed.push('media');
  }
  if (data.translations !== undefined) {
    next.translations = (data.translations ?? []).map((t) => ({ locale: t.locale, title: t.title, description: t.description ?? '' }));
    changed.push('translations');
  }
  return changed;
}

/** The keys of `input` whose value is not undefined (GraphQL omits fields left out). */
function stripUnset<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
