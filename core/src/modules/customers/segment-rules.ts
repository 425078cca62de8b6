import type { Knex } from 'knex';
import { z } from 'zod';
import { dialectOf } from '../../db/database.js';
import { CustomerTables as T } from './customer.migrations.js';

/**
 * A segment's rule: one condition, or `all` / `any` of several. Stored as JSON in
 * `customer_segment.rules` and compiled to one SQL condition on the `customer` table (aliased `c`),
 * so a segment is evaluated on demand by the database, never customer by customer.
 */
export type SegmentRule =
  /** Bought (a purchase with a positive amount) on a platform of every one of these types, e.g. ['web', 'pos']. */
  | { boughtOnPlatformTypes: { all: string[] } }
  /** Spent more than `amount` (minor units, refunds subtract) in `currency`, in the last `withinMonths` months (lifetime when left out). */
  | { spentOver: { currency: string; amount: number; withinMonths?: number | null } }
  /** No purchase in the last `months` months (and a customer for at least that long). */
  | { inactiveFor: { months: number } }
  /** A member of this customer group. */
  | { inGroup: { groupId: string } }
  /** Carries this tag. */
  | { hasTag: { tag: string } }
  /** Every one of these rules holds. */
  | { all: SegmentRule[] }
  /** At least one of these rules holds. */
  | { any: SegmentRule[] };

const months = z.number().int().min(1).max(240);

/** zod schema of a {@link SegmentRule} (objects with exactly one key; nesting up to any depth). */
export const segmentRuleSchema: z.ZodType<SegmentRule> = z.lazy(() =>
  z.union([
    z.strictObject({ boughtOnPlatformTypes: z.strictObject({ all: z.array(z.string().trim().min(1).max(40)).min(1).max(10) }) }),
    z.strictObject({
      spentOver: z.strictObject({
        currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
        amount: z.number().int().min(0),
        withinMonths: months.nullish(),
      }),
    }),
    z.strictObject({ inactiveFor: z.strictObject({ months }) }),
    z.strictObject({ inGroup: z.strictObject({ groupId: z.string().min(1).max(40) }) }),
    z.strictObject({ hasTag: z.strictObject({ tag: z.string().trim().min(1).max(60) }) }),
    z.strictObject({ all: z.array(segmentRuleSchema).min(1).max(20) }),
    z.strictObject({ any: z.array(segmentRuleSchema).min(1).max(20) }),
  ]),
);

/** The instant `months` calendar months before `now` (epoch ms). */
export function monthsAgo(months: number, now = new Date()): number {
  const at = new Date(now.getTime());
  at.setUTCMonth(at.getUTCMonth() - months);
  return at.getTime();
}

/** The group ids a rule refers to (to check they exist when the segment is saved). */
export function groupIdsOf(rule: SegmentRule): string[] {
  if ('all' in rule) return rule.all.flatMap(groupIdsOf);
  if ('any' in rule) return rule.any.flatMap(groupIdsOf);
  if ('inGroup' in rule) return [rule.inGroup.groupId];
  return [];
}

type Where = Knex.QueryBuilder;

/**
 * Adds `rule` as a condition to `query`, a query on `customer as c`. Each leaf is an EXISTS or
 * IN subquery on an indexed table (purchases by customer, group members by customer).
 */
export function applySegmentRule(db: Knex | Knex.Transaction, query: Where, rule: SegmentRule, now = new Date()): void {
  const purchases = () => db(`${T.purchase} as p`).select(db.raw('1')).whereRaw('p.customer_id = c.id');
  if ('all' in rule) {
    query.where((q) => {
      for (const child of rule.all) q.where((inner) => void applySegmentRule(db, inner, child, now));
    });
  } else if ('any' in rule) {
    query.where((q) => {
      for (const child of rule.any) q.orWhere((inner) => void applySegmentRule(db, inner, child, now));
    });
  } else if ('boughtOnPlatformTypes' in rule) {
    for (const type of new Set(rule.boughtOnPlatformTypes.all)) query.whereExists(purchases().where('p.platform_type', type).where('p.amount', '>', 0));
  } else if ('spentOver' in rule) {
    const { currency, amount, withinMonths } = rule.spentOver;
    const spent = db(T.purchase).select('customer_id').where('currency', currency).groupBy('customer_id').havingRaw('sum(amount) > ?', [amount]);
    if (withinMonths) spent.where('occurred_at', '>=', monthsAgo(withinMonths, now));
    query.whereIn('c.id', spent);
  } else if ('inactiveFor' in rule) {
    const since = monthsAgo(rule.inactiveFor.months, now);
    query.where('c.created_at', '<', since).whereNotExists(purchases().where('p.occurred_at', '>=', since));
  } else if ('inGroup' in rule) {
    query.whereExists(db(`${T.groupMember} as m`).select(db.raw('1')).whereRaw('m.customer_id = c.id').where('m.group_id', rule.inGroup.groupId));
  } else if ('hasTag' in rule) {
    if (dialectOf(db) === 'postgres') query.whereRaw('c.tags @> ?::jsonb', [JSON.stringify([rule.hasTag.tag])]);
    else query.whereRaw('exists (select 1 from json_each(c.tags) where json_each.value = ?)', [rule.hasTag.tag]);
  }
}
