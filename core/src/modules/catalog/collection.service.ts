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
import { toCollection, type Collection, type CollectionRow } from './catalog.records.js';
import { CatalogTokens } from './catalog.tokens.js';
import { handleSchema, invalidInput, parseFields } from './product.inputs.js';
import { isUniqueViolation } from '../../db/unique-violation.js';

const title = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const productIds = z.array(z.string()).max(1000, 'must have at most 1000 products');
const createSchema = z.object({ handle: handleSchema, title, description: z.string().max(10_000).nullish(), productIds: productIds.nullish() });
const updateSchema = z.object({ id: z.string().min(1), handle: handleSchema.nullish(), title: title.nullish(), description: z.string().max(10_000).nullish(), productIds: productIds.nullish() });

/** Input of `createCollection`; `productIds` in display order. */
export type CreateCollectionInput = z.input<typeof createSchema>;
/** Input of `updateCollection`; `productIds` replaces the ordered list. */
export type UpdateCollectionInput = z.input<typeof updateSchema>;

function handleTaken(handle: string, cause?: unknown): PlazaError {
  return new PlazaError('CONFLICT', `The handle "${handle}" is already used by another collection`, { reason: 'COLLECTION_HANDLE_TAKEN', fields: [{ path: 'handle', message: 'is already used by another collection' }], cause });
}

/** Collections: curated, ordered lists of products ("Summer edit", "New in"). */
@injectable()
export class CollectionService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(CatalogTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** Every collection by title. Needs `catalog.read` unless on the channel API. */
  async all(ctx: Ctx): Promise<Collection[]> {
    if (ctx.api !== 'channel') requirePermission(ctx, P.Read);
    return ((await ctx.db(T.collection).orderBy(['title', 'id']).select('*')) as CollectionRow[]).map(toCollection);
  }

  /** One collection by id or handle; null when none. */
  async find(ctx: Ctx, ref: { id?: string | null; handle?: string | null }): Promise<Collection | null> {
    if (ctx.api !== 'channel') requirePermission(ctx, P.Read);
    const query = ctx.db(T.collection);
    if (ref.id) query.where('id', ref.id);
    else if (ref.handle) query.where('handle', ref.handle);
    else return null;
    const row = (await query.first()) as CollectionRow | undefined;
    return row ? toCollection(row) : null;
  }

  /** Creates a collection with its ordered products. */
  async create(ctx: Ctx, input: CreateCollectionInput): Promise<Collection> {
    requirePermission(ctx, P.Manage);
    const { data, fields } = parseFields(createSchema, input);
    if (!data) throw invalidInput('collection', fields);
    return inTransaction(ctx, async (trx) => {
      if (await trx.db(T.collection).where('handle', data.handle).first('id')) throw handleTaken(data.handle);
      const now = Date.now();
      const row: CollectionRow = { id: newId('col'), handle: data.handle, title: data.title, description: data.description ?? '', created_at: now, updated_at: now };
      try {
        await trx.db(T.collection).insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw handleTaken(data.handle, error);
        throw error;
      }
      await this.setProducts(trx, row.id, data.productIds ?? []);
      await this.audit.record(trx, { action: 'collection.created', entityType: 'collection', entityId: row.id, before: null, after: { handle: row.handle, title: row.title, products: data.productIds ?? [] } });
      await this.events.publish(trx, 'collection.created', { collectionId: row.id, handle: row.handle }, { platformId: null });
      return toCollection(row);
    });
  }

  /** Edits a collection; `productIds` replaces its ordered products. */
  async update(ctx: Ctx, input: UpdateCollectionInput): Promise<Collection> {
    requirePermission(ctx, P.Manage);
    const { data, fields } = parseFields(updateSchema, input);
    if (!data) throw invalidInput('collection', fields);
    return inTransaction(ctx, async (trx) => {
      const before = await this.load(trx, data.id);
      const changes: Partial<CollectionRow> = {};
      if (data.handle && data.handle !== before.handle) {
        if (await trx.db(T.collection).where('handle', data.handle).whereNot('id', before.id).first('id')) throw handleTaken(data.handle);
        changes.handle = data.handle;
      }
      if (data.title) changes.title = data.title;
      if (data.description !== undefined) changes.description = data.description ?? '';
      await trx.db(T.collection).where('id', before.id).update({ ...changes, updated_at: Date.now() });
      if (data.productIds) await this.setProducts(trx, before.id, data.productIds);
      const after = await this.load(trx, before.id);
      await this.audit.record(trx, { action: 'collection.updated', entityType: 'collection', entityId: before.id, before: { handle: before.handle, title: before.title }, after: { handle: after.handle, title: after.title, ...(data.productIds ? { products: data.productIds } : {}) } });
      await this.events.publish(trx, 'collection.updated', { collectionId: before.id, handle: after.handle }, { platformId: null });
      return after;
    });
  }

  /** Deletes a collection (its products stay). */
  async delete(ctx: Ctx, id: string): Promise<Collection> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const collection = await this.load(trx, id);
      await trx.db(T.collection).where('id', id).delete();
      await this.audit.record(trx, { action: 'collection.deleted', entityType: 'collection', entityId: id, before: { handle: collection.handle, title: collection.title }, after: null });
      await this.events.publish(trx, 'collection.deleted', { collectionId: id, handle: collection.handle }, { platformId: null });
      return collection;
    });
  }

  private async setProducts(trx: Ctx, collectionId: string, productIds: readonly string[]): Promise<void> {
    const unique = [...new Set(productIds)];
    if (unique.length !== productIds.length) throw invalidInput('collection', [{ path: 'productIds', message: 'lists a product twice' }]);
    if (unique.length) {
      const found = new Set(((await trx.db(T.product).whereIn('id', unique).select('id')) as { id: string }[]).map((r) => r.id));
      const fields = productIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: `productIds.${i}`, message: `product ${id} does not exist` }]));
      if (fields.length) throw invalidInput('collection', fields);
    }
    await trx.db(T.collectionProduct).where('collection_id', collectionId).delete();
    if (unique.length) await trx.db(T.collectionProduct).insert(unique.map((productId, position) => ({ collection_id: collectionId, product_id: productId, position })));
  }

  private async load(ctx: Ctx, id: string): Promise<Collection> {
    const row = (await ctx.db(T.collection).where('id', id).first()) as CollectionRow | undefined;
    if (!row) throw errors.notFound('Collection', id);
    return toCollection(row);
  }
}
