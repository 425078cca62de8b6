import type { Knex } from 'knex';
import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { fromJson, toJson } from '../../db/json-column.js';
import { epochMillis } from '../../db/epoch-column.js';
import { inTransaction } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { CustomerTables as T } from './customer.migrations.js';
import { CustomerPermission as P } from './customer.permissions.js';
import { toCustomer, type Customer, type CustomerRow } from './customer.records.js';
import { CustomerTokens } from './customer.tokens.js';
import { applySegmentRule, groupIdsOf, segmentRuleSchema, type SegmentRule } from './segment-rules.js';

/** A rule-based group of customers, evaluated on demand (see segment-rules.ts). */
export interface CustomerSegment {
  id: string;
  code: string;
  name: string;
  rules: SegmentRule;
  createdAt: Date;
  updatedAt: Date;
}

interface SegmentRow {
  id: string;
  code: string;
  name: string;
  rules: unknown;
  created_at: number | string;
  updated_at: number | string;
}

const toSegment = (row: SegmentRow): CustomerSegment => ({
  id: row.id,
  code: row.code,
  name: row.name,
  rules: fromJson<SegmentRule>(row.rules),
  createdAt: new Date(epochMillis(row.created_at)),
  updatedAt: new Date(epochMillis(row.updated_at)),
});

const code = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'must be 1–60 lowercase letters, digits, - or _');
const name = z.string().trim().min(1).max(200);
const createSegmentInput = z.strictObject({ code, name, rules: segmentRuleSchema });
const updateSegmentInput = z.strictObject({ id: z.string().min(1), name: name.optional(), rules: segmentRuleSchema.optional() });

/** Input of {@link CustomerSegments.create}. */
export type CreateCustomerSegmentInput = { code: string; name: string; rules: unknown };
/** Input of {@link CustomerSegments.update}; fields left out keep their value. */
export type UpdateCustomerSegmentInput = { id: string; name?: string; rules?: unknown };

/**
 * Segments: named rules over purchases, groups and tags ("bought both online and in store",
 * "spent over 500 EUR in 12 months", "inactive 6 months"). Nothing is precomputed: members and a
 * customer's segments are one SQL statement each, so they are always current. Reading needs
 * `customers.read`, changing `customers.write`.
 */
@injectable()
export class CustomerSegments {
  constructor(@inject(CustomerTokens.Audit) private readonly audit: AuditLog) {}

  /** A page of segments, by code. */
  async list(ctx: Ctx, args: PageArgs = {}): Promise<Connection<CustomerSegment>> {
    requirePermission(ctx, P.Read);
    const page = readPageArgs(args);
    const query = ctx.db(T.segment).orderBy('code').limit(page.size + 1);
    if (page.afterKey) query.where('code', '>', page.afterKey);
    return toConnection(((await query) as SegmentRow[]).map(toSegment), page.size, (s) => s.code);
  }

  /** A segment by id; NOT_FOUND when there is none. */
  async get(ctx: Ctx, id: string): Promise<CustomerSegment> {
    requirePermission(ctx, P.Read);
    return this.load(ctx, id);
  }

  async create(ctx: Ctx, input: CreateCustomerSegmentInput): Promise<CustomerSegment> {
    requirePermission(ctx, P.Write);
    const data = parseInput(createSegmentInput, input, 'customer segment', 'CUSTOMER_SEGMENT_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      await this.checkGroups(trx, data.rules);
      const now = Date.now();
      const row: SegmentRow = { id: newId('csg'), code: data.code, name: data.name, rules: toJson(data.rules), created_at: now, updated_at: now };
      try {
        await trx.db(T.segment).insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new PlazaError('CONFLICT', `A customer segment with code "${data.code}" exists`, { reason: 'CUSTOMER_SEGMENT_CODE_TAKEN', fields: [{ path: 'code', message: 'is taken' }], cause: error });
        throw error;
      }
      await this.audit.record(trx, { action: 'customer_segment.created', entityType: 'customer_segment', entityId: row.id, after: { code: row.code, rules: data.rules } });
      return toSegment(row);
    });
  }

  async update(ctx: Ctx, input: UpdateCustomerSegmentInput): Promise<CustomerSegment> {
    requirePermission(ctx, P.Write);
    const data = parseInput(updateSegmentInput, input, 'customer segment', 'CUSTOMER_SEGMENT_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      const before = await this.load(trx, data.id);
      const changes: Record<string, unknown> = {};
      if (data.name !== undefined && data.name !== before.name) changes.name = data.name;
      if (data.rules !== undefined) {
        await this.checkGroups(trx, data.rules);
        changes.rules = toJson(data.rules);
      }
      if (Object.keys(changes).length === 0) return before;
      await trx.db(T.segment).where('id', before.id).update({ ...changes, updated_at: Date.now() });
      await this.audit.record(trx, { action: 'customer_segment.updated', entityType: 'customer_segment', entityId: before.id, before: { rules: before.rules }, after: { changed: Object.keys(changes), rules: data.rules ?? before.rules } });
      return this.load(trx, before.id);
    });
  }

  async delete(ctx: Ctx, id: string): Promise<boolean> {
    requirePermission(ctx, P.Write);
    return inTransaction(ctx, async (trx) => {
      const segment = await this.load(trx, id);
      await trx.db(T.segment).where('id', id).delete();
      await this.audit.record(trx, { action: 'customer_segment.deleted', entityType: 'customer_segment', entityId: id, before: { code: segment.code } });
      return true;
    });
  }

  /** A page of the segment's (active) customers, newest first: one statement evaluating the rules. */
  async members(ctx: Ctx, segmentId: string, args: PageArgs = {}): Promise<Connection<Customer>> {
    requirePermission(ctx, P.Read);
    const page = readPageArgs(args);
    const segment = await this.load(ctx, segmentId);
    const query = ctx.db(`${T.customer} as c`).select('c.*').where('c.status', 'active').orderBy('c.id', 'desc').limit(page.size + 1);
    if (page.afterKey) query.where('c.id', '<', page.afterKey);
    applySegmentRule(ctx.db, query, segment.rules);
    return toConnection(((await query) as CustomerRow[]).map(toCustomer), page.size, (c) => c.id);
  }

  /** The segments a customer is in now, by code (staff view). */
  async segmentsOf(ctx: Ctx, customerId: string): Promise<CustomerSegment[]> {
    requirePermission(ctx, P.Read);
    return segmentsOfCustomer(ctx, customerId);
  }

  private async load(ctx: Ctx, id: string): Promise<CustomerSegment> {
    const row = (await ctx.db(T.segment).where('id', id).first()) as SegmentRow | undefined;
    if (!row) throw errors.notFound('CustomerSegment', id);
    return toSegment(row);
  }

  private async checkGroups(ctx: Ctx, rules: SegmentRule): Promise<void> {
    const ids = [...new Set(groupIdsOf(rules))];
    if (ids.length === 0) return;
    const found = new Set(((await ctx.db(T.group).whereIn('id', ids).select('id')) as { id: string }[]).map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw errors.badInput(`Unknown customer group ${missing.join(', ')}`, [{ path: 'rules', message: `names unknown group ${missing[0]}` }], 'CUSTOMER_GROUP_NOT_FOUND');
  }
}

/**
 * Which segments each of `customerIds` is in: every segment loaded (one statement), then one
 * UNION ALL statement testing all of them for all the customers. Two statements whatever the
 * number of customers or segments.
 */
export async function segmentsOfCustomers(db: Knex | Knex.Transaction, customerIds: readonly string[]): Promise<Map<string, CustomerSegment[]>> {
  const result = new Map<string, CustomerSegment[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return result;
  const segments = ((await db(T.segment).orderBy('code')) as SegmentRow[]).map(toSegment);
  if (segments.length === 0) return result;
  const now = new Date();
  const parts = segments.map((segment) => {
    const part = db(`${T.customer} as c`).select('c.id as customer_id', db.raw('cast(? as varchar(40)) as segment_id', [segment.id])).whereIn('c.id', [...customerIds]).where('c.status', 'active');
    applySegmentRule(db, part, segment.rules, now);
    return part;
  });
  const [first, ...rest] = parts;
  // Unwrapped UNION ALL (SQLite refuses parenthesised members); no part orders or limits.
  const query = rest.length > 0 ? first!.unionAll(rest) : first!;
  const rows = (await query) as { customer_id: string; segment_id: string }[];
  const byId = new Map(segments.map((s) => [s.id, s]));
  for (const row of rows) {
    const segment = byId.get(row.segment_id);
    if (segment) result.get(row.customer_id)?.push(segment);
  }
  for (const list of result.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return result;
}

/** A customer's segments, batched per request. */
export function segmentsOfCustomer(ctx: Ctx, customerId: string): Promise<CustomerSegment[]> {
  return ctx.loaders
    .get<string, CustomerSegment[]>('customers.segmentsOf', async (ids) => {
      const map = await segmentsOfCustomers(ctx.db, ids);
      return ids.map((id) => map.get(id) ?? []);
    })
    .load(customerId);
}
