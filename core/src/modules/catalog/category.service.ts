import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import { CatalogPermission as P } from './catalog.permissions.js';
import { CatalogTables as T } from './catalog.tables.js';
import { toCategory, type Category, type CategoryRow } from './catalog.records.js';
import { CatalogTokens } from './catalog.tokens.js';
import { handleSchema, invalidInput, parseFields } from './product.inputs.js';
import { isUniqueViolation } from '../../db/unique-violation.js';

const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const createSchema = z.object({ handle: handleSchema, name, parentId: z.string().nullish(), position: z.number().int().min(0).nullish() });
const updateSchema = z.object({ id: z.string().min(1), handle: handleSchema.nullish(), name: name.nullish(), parentId: z.string().nullish(), position: z.number().int().min(0).nullish() });

/** Input of `createCategory`. */
export type CreateCategoryInput = z.input<typeof createSchema>;
/** Input of `updateCategory`: `parentId` moves the category (null: to the root); left out keeps it. */
export type UpdateCategoryInput = z.input<typeof updateSchema>;

function handleTaken(handle: string, cause?: unknown): PlazaError {
  return new PlazaError('CONFLICT', `The handle "${handle}" is already used by another category`, { reason: 'CATEGORY_HANDLE_TAKEN', fields: [{ path: 'handle', message: 'is already used by another category' }], cause });
}

/**
 * The category tree. Each category keeps a materialized path of ids ("/cat_a/cat_b/", own id
 * last) so a subtree is one prefix query; moving a category rewrites its subtree's paths in
 * the same transaction and refuses to move a category under itself or its descendants.
 */
@injectable()
export class CategoryService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(CatalogTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** Every category in tree order: each parent before its children, siblings by position then name. */
  async all(ctx: Ctx): Promise<Category[]> {
    if (ctx.api !== 'channel') requirePermission(ctx, P.Read);
    const all = ((await ctx.db(T.category).select('*')) as CategoryRow[]).map(toCategory);
    const children = new Map<string | null, Category[]>();
    for (const c of all) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
    const out: Category[] = [];
    const visit = (parentId: string | null) => {
      const siblings = (children.get(parentId) ?? []).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
      for (const c of siblings) {
        out.push(c);
        visit(c.id);
      }
    };
    visit(null);
    return out;
  }

  /** One category. */
  async get(ctx: Ctx, id: string): Promise<Category> {
    requirePermission(ctx, P.Read);
    return this.load(ctx, id);
  }

  /** Creates a category under `parentId` (or at the root). */
  async create(ctx: Ctx, input: CreateCategoryInput): Promise<Category> {
    requirePermission(ctx, P.Manage);
    const { data, fields } = parseFields(createSchema, input);
    if (!data) throw invalidInput('category', fields);
    return inTransaction(ctx, async (trx) => {
      const parent = data.parentId ? await this.loadOrField(trx, data.parentId) : null;
      if (await trx.db(T.category).where('handle', data.handle).first('id')) throw handleTaken(data.handle);
      const id = newId('cat');
      const now = Date.now();
      const row: CategoryRow = { id, parent_id: parent?.id ?? null, handle: data.handle, name: data.name, path: `${parent?.path ?? '/'}${id}/`, position: data.position ?? 0, created_at: now, updated_at: now };
      try {
        await trx.db(T.category).insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw handleTaken(data.handle, error);
        throw error;
      }
      const category = toCategory(row);
      await this.audit.record(trx, { action: 'category.created', entityType: 'category', entityId: id, before: null, after: { handle: row.handle, name: row.name, parentId: row.parent_id } });
      await this.events.publish(trx, 'category.created', { categoryId: id, handle: row.handle }, { platformId: null });
      return category;
    });
  }

  /** Renames, re-handles or moves a category (with its subtree). */
  async update(ctx: Ctx, input: UpdateCategoryInput): Promise<Category> {
    requirePermission(ctx, P.Manage);
    const { data, fields } = parseFields(updateSchema, input);
    if (!data) throw invalidInput('category', fields);
    return inTransaction(ctx, async (trx) => {
      const before = await this.load(trx, data.id);
      const changes: Partial<CategoryRow> = {};
      if (data.handle && data.handle !== before.handle) {
        if (await trx.db(T.category).where('handle', data.handle).whereNot('id', before.id).first('id')) throw handleTaken(data.handle);
        changes.handle = data.handle;
      }
      if (data.name) changes.name = data.name;
      if (data.position !== undefined && data.position !== null) changes.position = data.position;
      const moving = data.parentId !== undefined && (data.parentId ?? null) !== before.parentId;
      if (moving) {
        const parent = data.parentId ? await this.loadOrField(trx, data.parentId) : null;
        if (parent && parent.path.startsWith(before.path)) {
          throw new PlazaError('BAD_USER_INPUT', 'A category cannot move under itself or one of its descendants', { reason: 'CATEGORY_CYCLE', fields: [{ path: 'parentId', message: 'is this category or one of its descendants' }] });
        }
        const path = `${parent?.path ?? '/'}${before.id}/`;
        changes.parent_id = parent?.id ?? null;
        // Rewrite the whole subtree's paths (this category included) in one statement.
        await trx.db(T.category)
          .whereRaw('substr(path, 1, ?) = ?', [before.path.length, before.path])
          .update({ path: trx.db.raw('? || substr(path, ?)', [path, before.path.length + 1]) });
      }
      await trx.db(T.category).where('id', before.id).update({ ...changes, updated_at: Date.now() });
      const after = await this.load(trx, before.id);
      await this.audit.record(trx, { action: 'category.updated', entityType: 'category', entityId: before.id, before: { handle: before.handle, name: before.name, parentId: before.parentId }, after: { handle: after.handle, name: after.name, parentId: after.parentId } });
      await this.events.publish(trx, 'category.updated', { categoryId: before.id, handle: after.handle, moved: moving }, { platformId: null });
      return after;
    });
  }

  /** Deletes a category without children (products lose it). CONFLICT while it has children. */
  async delete(ctx: Ctx, id: string): Promise<Category> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const category = await this.load(trx, id);
      if (await trx.db(T.category).where('parent_id', id).first('id')) {
        throw new PlazaError('CONFLICT', 'The category has subcategories: move or delete them first', { reason: 'CATEGORY_HAS_CHILDREN' });
      }
      await trx.db(T.category).where('id', id).delete();
      await this.audit.record(trx, { action: 'category.deleted', entityType: 'category', entityId: id, before: { handle: category.handle, name: category.name }, after: null });
      await this.events.publish(trx, 'category.deleted', { categoryId: id, handle: category.handle }, { platformId: null });
      return category;
    });
  }

  private async load(ctx: Ctx, id: string): Promise<Category> {
    const row = (await ctx.db(T.category).where('id', id).first()) as CategoryRow | undefined;
    if (!row) throw errors.notFound('Category', id);
    return toCategory(row);
  }

  private async loadOrField(ctx: Ctx, parentId: string): Promise<Category> {
    const row = (await ctx.db(T.category).where('id', parentId).first()) as CategoryRow | undefined;
    if (!row) throw invalidInput('category', [{ path: 'parentId', message: `category ${parentId} does not exist` }]);
    return toCategory(row);
  }
}
