import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { fromJson } from '../../db/json-column.js';
import { epochMillis } from '../../db/epoch-column.js';
import { inTransaction } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { CustomerTables as T } from './customer.migrations.js';
import { CustomerPermission as P } from './customer.permissions.js';
import { CustomerTokens } from './customer.tokens.js';
import { loadCustomer } from './customer-store.js';
import { groupIdsOf, type SegmentRule } from './segment-rules.js';

/** A named group of customers staff put them in by hand (e.g. `vip`, `staff`); group prices apply to members. */
export interface CustomerGroup {
  id: string;
  code: string;
  name: string;
  createdAt: Date;
}

interface GroupRow {
  id: string;
  code: string;
  name: string;
  created_at: number | string;
}

const toGroup = (row: GroupRow): CustomerGroup => ({ id: row.id, code: row.code, name: row.name, createdAt: new Date(epochMillis(row.created_at)) });

const code = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'must be 1–60 lowercase letters, digits, - or _');
const name = z.string().trim().min(1).max(200);
const createGroupInput = z.strictObject({ code, name });
const updateGroupInput = z.strictObject({ id: z.string().min(1), name: name.optional() });

/** Input of {@link CustomerGroups.create}. */
export type CreateCustomerGroupInput = z.input<typeof createGroupInput>;
/** Input of {@link CustomerGroups.update}. */
export type UpdateCustomerGroupInput = z.input<typeof updateGroupInput>;

/**
 * Customer groups and their members. Reading needs `customers.read`, changing `customers.write`;
 * every change is audited (ids only).
 */
@injectable()
export class CustomerGroups {
  constructor(@inject(CustomerTokens.Audit) private readonly audit: AuditLog) {}

  /** A page of groups, by code. */
  async list(ctx: Ctx, args: PageArgs = {}): Promise<Connection<CustomerGroup>> {
    requirePermission(ctx, P.Read);
    const page = readPageArgs(args);
    const query = ctx.db(T.group).orderBy('code').limit(page.size + 1);
    if (page.afterKey) query.where('code', '>', page.afterKey);
    return toConnection(((await query) as GroupRow[]).map(toGroup), page.size, (g) => g.code);
  }

  /** A group by id; NOT_FOUND when there is none. */
  async get(ctx: Ctx, id: string): Promise<CustomerGroup> {
    requirePermission(ctx, P.Read);
    return this.load(ctx, id);
  }

  async create(ctx: Ctx, input: CreateCustomerGroupInput): Promise<CustomerGroup> {
    requirePermission(ctx, P.Write);
    const data = parseInput(createGroupInput, input, 'customer group', 'CUSTOMER_GROUP_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      const row: GroupRow = { id: newId('cgr'), code: data.code, name: data.name, created_at: Date.now() };
      try {
        await trx.db(T.group).insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new PlazaError('CONFLICT', `A customer group with code "${data.code}" exists`, { reason: 'CUSTOMER_GROUP_CODE_TAKEN', fields: [{ path: 'code', message: 'is taken' }], cause: error });
        throw error;
      }
      await this.audit.record(trx, { action: 'customer_group.created', entityType: 'customer_group', entityId: row.id, after: { code: row.code } });
      return toGroup(row);
    });
  }

  async update(ctx: Ctx, input: UpdateCustomerGroupInput): Promise<CustomerGroup> {
    requirePermission(ctx, P.Write);
    const data = parseInput(updateGroupInput, input, 'customer group', 'CUSTOMER_GROUP_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      const before = await this.load(trx, data.id);
      if (data.name === undefined || data.name === before.name) return before;
      await trx.db(T.group).where('id', before.id).update({ name: data.name });
      await this.audit.record(trx, { action: 'customer_group.updated', entityType: 'customer_group', entityId: before.id, after: { changed: ['name'] } });
      return { ...before, name: data.name };
    });
  }

  /** Deletes a group and its memberships; CONFLICT (CUSTOMER_GROUP_IN_USE) while a segment's rules name it. */
  async delete(ctx: Ctx, id: string): Promise<boolean> {
    requirePermission(ctx, P.Write);
    return inTransaction(ctx, async (trx) => {
      const group = await this.load(trx, id);
      const segments = (await trx.db(T.segment).select('code', 'rules')) as { code: string; rules: unknown }[];
      const using = segments.filter((s) => groupIdsOf(fromJson<SegmentRule>(s.rules)).includes(id)).map((s) => s.code);
      if (using.length > 0) throw new PlazaError('CONFLICT', `Segments ${using.join(', ')} use this group; change them first`, { reason: 'CUSTOMER_GROUP_IN_USE', details: { segments: using } });
      await trx.db(T.groupMember).where('group_id', id).delete();
      await trx.db(T.group).where('id', id).delete();
      await this.audit.record(trx, { action: 'customer_group.deleted', entityType: 'customer_group', entityId: id, before: { code: group.code } });
      return true;
    });
  }

  /** Puts an active customer in a group (no-op when already a member). */
  async addMember(ctx: Ctx, groupId: string, customerId: string): Promise<CustomerGroup> {
    requirePermission(ctx, P.Write);
    return inTransaction(ctx, async (trx) => {
      const group = await this.load(trx, groupId);
      const customer = await loadCustomer(trx, customerId);
      if (customer.status !== 'active') throw new PlazaError('CONFLICT', `This customer is ${customer.status}`, { reason: customer.status === 'merged' ? 'CUSTOMER_MERGED' : 'CUSTOMER_ERASED', details: { mergedIntoId: customer.mergedIntoId } });
      const added = await trx.db(T.groupMember).insert({ customer_id: customerId, group_id: groupId }).onConflict(['customer_id', 'group_id']).ignore().returning('group_id');
      if (added.length > 0) await this.audit.record(trx, { action: 'customer_group.member_added', entityType: 'customer', entityId: customerId, after: { groupId } });
      return group;
    });
  }

  /** Takes a customer out of a group; false when they were not in it. */
  async removeMember(ctx: Ctx, groupId: string, customerId: string): Promise<boolean> {
    requirePermission(ctx, P.Write);
    return inTransaction(ctx, async (trx) => {
      await this.load(trx, groupId);
      const removed = await trx.db(T.groupMember).where({ group_id: groupId, customer_id: customerId }).delete();
      if (removed > 0) await this.audit.record(trx, { action: 'customer_group.member_removed', entityType: 'customer', entityId: customerId, before: { groupId } });
      return removed > 0;
    });
  }

  /** The groups of a customer (for staff), by code. */
  async groupsOf(ctx: Ctx, customerId: string): Promise<CustomerGroup[]> {
    requirePermission(ctx, P.Read);
    return groupsOfCustomer(ctx, customerId);
  }

  private async load(ctx: Ctx, id: string): Promise<CustomerGroup> {
    const row = (await ctx.db(T.group).where('id', id).first()) as GroupRow | undefined;
    if (!row) throw errors.notFound('CustomerGroup', id);
    return toGroup(row);
  }
}

/** A customer's groups, batched per request (one statement for every customer of a page). */
export function groupsOfCustomer(ctx: Ctx, customerId: string): Promise<CustomerGroup[]> {
  return ctx.loaders
    .get<string, CustomerGroup[]>('customers.groupsOf', async (ids) => {
      const rows = (await ctx
        .db(`${T.groupMember} as m`)
        .join(`${T.group} as g`, 'g.id', 'm.group_id')
        .whereIn('m.customer_id', [...ids])
        .orderBy('g.code')
        .select('m.customer_id', 'g.id', 'g.code', 'g.name', 'g.created_at')) as (GroupRow & { customer_id: string })[];
      const byCustomer = new Map<string, CustomerGroup[]>(ids.map((id) => [id, []]));
      for (const row of rows) byCustomer.get(row.customer_id)?.push(toGroup(row));
      return ids.map((id) => byCustomer.get(id) ?? []);
    })
    .load(customerId);
}
