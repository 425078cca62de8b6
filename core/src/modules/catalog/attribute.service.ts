import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { toJson } from '../../db/json-column.js';
import { inTransaction } from '../../db/transaction.js';
import { CatalogPermission as P } from './catalog.permissions.js';
import { CatalogTables as T } from './catalog.tables.js';
import { toAttribute, type AttributeDefinition, type AttributeRow } from './catalog.records.js';
import { CatalogTokens } from './catalog.tokens.js';
import { invalidInput, parseFields } from './product.inputs.js';
import { isUniqueViolation } from '../../db/unique-violation.js';

const code = z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a lowercase code like "material" (letters, digits, underscores)');
const label = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const options = z.array(z.string().trim().min(1, 'must not be empty').max(200)).max(500, 'must have at most 500 options');
const createSchema = z
  .object({
    code,
    label,
    type: z.enum(['string', 'number', 'boolean', 'enum', 'string_list']),
    options: options.nullish(),
    filterable: z.boolean().nullish(),
    required: z.boolean().nullish(),
    appliesTo: z.enum(['product', 'variant']).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'enum' && !(v.options && v.options.length > 0)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'an enum attribute needs its options' });
    if (v.type !== 'enum' && v.options && v.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only enum attributes have options' });
    if (v.options && new Set(v.options).size !== v.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'repeats a value' });
  });
const updateSchema = z.object({ id: z.string().min(1), label: label.nullish(), options: options.nullish(), filterable: z.boolean().nullish(), required: z.boolean().nullish() });

/** Input of `createAttribute`. */
export type CreateAttributeInput = z.input<typeof createSchema>;
/** Input of `updateAttribute` (the code, type and target are fixed once created). */
export type UpdateAttributeInput = z.input<typeof updateSchema>;

function codeTaken(value: string, cause?: unknown): PlazaError {
  return new PlazaError('CONFLICT', `The attribute code "${value}" is already defined`, { reason: 'ATTRIBUTE_CODE_TAKEN', fields: [{ path: 'code', message: 'is already defined' }], cause });
}

/** Custom attribute definitions: the typed schema product and variant attributes are validated by. */
@injectable()
export class AttributeService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(CatalogTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** Every definition by code. Needs `catalog.read` (the channel API reads filterable ones without it). */
  async all(ctx: Ctx): Promise<AttributeDefinition[]> {
    if (ctx.api !== 'channel') requirePermission(ctx, P.Read);
    return ((await ctx.db(T.attribute).orderBy('code').select('*')) as AttributeRow[]).map(toAttribute);
  }

  /** Defines a custom attribute. */
  async create(ctx: Ctx, input: CreateAttributeInput): Promise<AttributeDefinition> {
    requirePermission(ctx, P.Manage);
    const { data, fields } = parseFields(createSchema, input);
    if (!data) throw invalidInput('attribute', fields);
    return inTransaction(ctx, async (trx) => {
      if (await trx.db(T.attribute).where('code', data.code).first('id')) throw codeTaken(data.code);
      const row: AttributeRow = {
        id: newId('att'),
        code: data.code,
        label: data.label,
        type: data.type,
        options: data.type === 'enum' ? toJson(data.options) : null,
        filterable: data.filterable ?? false,
        required: data.required ?? false,
        applies_to: data.appliesTo ?? 'product',
        created_at: Date.now(),
      };
      try {
        await trx.db(T.attribute).insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken(data.code, error);
        throw error;
      }
      const attribute = toAttribute(row);
      await this.audit.record(trx, { action: 'catalog_attribute.created', entityType: 'catalog_attribute', entityId: row.id, before: null, after: { ...attribute, createdAt: undefined } });
      await this.events.publish(trx, 'catalog_attribute.created', { attributeId: row.id, code: row.code }, { platformId: null });
      return attribute;
    });
  }

  /** Edits a definition's label, enum options, filterable and required flags. */
  async update(ctx: Ctx, input: UpdateAttributeInput): Promise<AttributeDefinition> {
    requirePermission(ctx, P.Manage);
    const { data, fields } = parseFields(updateSchema, input);
    if (!data) throw invalidInput('attribute', fields);
    return inTransaction(ctx, async (trx) => {
      const before = await this.load(trx, data.id);
      const changes: Record<string, unknown> = {};
      if (data.label) changes.label = data.label;
      if (data.options) {
        if (before.type !== 'enum') throw invalidInput('attribute', [{ path: 'options', message: 'only enum attributes have options' }]);
        if (data.options.length === 0 || new Set(data.options).size !== data.options.length) throw invalidInput('attribute', [{ path: 'options', message: 'must be a non-empty list without repeats' }]);
        changes.options = toJson(data.options);
      }
      if (data.filterable !== undefined && data.filterable !== null) changes.filterable = data.filterable;
      if (data.required !== undefined && data.required !== null) changes.required = data.required;
      if (Object.keys(changes).length) await trx.db(T.attribute).where('id', before.id).update(changes);
      const after = await this.load(trx, before.id);
      await this.audit.record(trx, { action: 'catalog_attribute.updated', entityType: 'catalog_attribute', entityId: before.id, before: { label: before.label, options: before.options, filterable: before.filterable, required: before.required }, after: { label: after.label, options: after.options, filterable: after.filterable, required: after.required } });
      await this.events.publish(trx, 'catalog_attribute.updated', { attributeId: before.id, code: before.code }, { platformId: null });
      return after;
    });
  }

  /** Deletes a definition; values already stored on products are kept but no longer validated. */
  async delete(ctx: Ctx, id: string): Promise<AttributeDefinition> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const attribute = await this.load(trx, id);
      await trx.db(T.attribute).where('id', id).delete();
      await this.audit.record(trx, { action: 'catalog_attribute.deleted', entityType: 'catalog_attribute', entityId: id, before: { code: attribute.code, type: attribute.type }, after: null });
      await this.events.publish(trx, 'catalog_attribute.deleted', { attributeId: id, code: attribute.code }, { platformId: null });
      return attribute;
    });
  }

  private async load(ctx: Ctx, id: string): Promise<AttributeDefinition> {
    const row = (await ctx.db(T.attribute).where('id', id).first()) as AttributeRow | undefined;
    if (!row) throw errors.notFound('Attribute', id);
    return toAttribute(row);
  }
}
