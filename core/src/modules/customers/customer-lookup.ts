import type { Knex } from 'knex';
import { inject, injectable } from 'tsyringe';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import { Tokens } from '../../kernel/tokens.js';
import { epochDateOrNull } from '../../db/epoch-column.js';
import { CustomerTables as T } from './customer.migrations.js';
import { CustomerPermission as P } from './customer.permissions.js';
import {
  searchText,
  toCustomer,
  toIdentity,
  toTimelineEntry,
  type Customer,
  type CustomerFigures,
  type CustomerIdentity,
  type CustomerRow,
  type IdentityRow,
  type TimelineEntry,
  type TimelineRow,
} from './customer.records.js';
import { normaliseIdentity, type NormalisedIdentity } from './identity-value.js';

/** How a lookup recognised its query: an identity kind, `name`, or a plugin source's label (e.g. `orders`). */
export type LookupMatch = 'email' | 'phone' | 'loyalty_card' | 'name' | (string & {});

/** One customer a lookup found, with what staff need at the counter or on the phone. */
export interface LookupHit {
  customer: Customer;
  identities: CustomerIdentity[];
  figures: CustomerFigures;
  /** The most recent timeline entries, newest first. */
  recentTimeline: TimelineEntry[];
}

/** What a lookup found and how it read the query. */
export interface LookupResult {
  /** How the query was matched; null when nothing matched. */
  matchedBy: LookupMatch | null;
  hits: LookupHit[];
}

/** Timeline entries a lookup returns per customer. */
export const LOOKUP_TIMELINE_ENTRIES = 5;
/** Most customers one lookup returns. */
export const MAX_LOOKUP_RESULTS = 50;

type CustomerWithStats = CustomerRow & {
  orders_count: number | string | null;
  first_purchase_at: number | string | null;
  last_purchase_at: number | string | null;
  preferred_location_id: string | null;
};

/** The smallest string greater than every string starting with `prefix` (for index range scans). */
function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/**
 * Staff lookup for POS clienteling and the call center: one search box that takes an e-mail, a
 * phone number (national or international), a loyalty card, any plugin's lookup column (an order
 * number) or the start of a name, and answers with each customer's profile, identities,
 * lifetime figures and recent timeline. Exact matches are index lookups; names are range scans
 * of the accent-free name columns. The answer costs a fixed number of statements whatever the
 * number of customers found (no per-customer queries). Merged customers resolve to the survivor;
 * erased customers never match. Needs `customers.read`.
 */
@injectable()
export class CustomerLookup {
  constructor(@inject(Tokens.Plugins) private readonly registry: PluginRegistry) {}

  async lookup(ctx: Ctx, query: string, first = 10): Promise<LookupResult> {
    requirePermission(ctx, P.Read);
    const text = (query ?? '').trim();
    if (text.length === 0 || text.length > 320) throw errors.badInput('Type an e-mail, a phone, a card or order number, or the start of a name', [{ path: 'query', message: 'must be 1–320 characters' }], 'LOOKUP_QUERY_INVALID');
    if (!Number.isInteger(first) || first < 1 || first > MAX_LOOKUP_RESULTS) throw errors.badInput(`first must be between 1 and ${MAX_LOOKUP_RESULTS}`, [{ path: 'first', message: `must be between 1 and ${MAX_LOOKUP_RESULTS}` }], 'PAGE_SIZE_INVALID');
    const found = await this.find(ctx, text, first);
    if (!found) return { matchedBy: null, hits: [] };
    const customers = await this.current(ctx, found.ids);
    return { matchedBy: customers.length > 0 ? found.matchedBy : null, hits: await this.hydrate(ctx, customers.slice(0, first)) };
  }

  /** The customer ids the query names, in relevance order, and how it was read. */
  private async find(ctx: Ctx, text: string, first: number): Promise<{ matchedBy: LookupMatch; ids: string[] } | null> {
    if (text.includes('@')) {
      const email = normaliseIdentity({ kind: 'email', value: text });
      return email.ok ? this.exact(ctx, [email.identity], text, first, false) : null;
    }
    const identities: NormalisedIdentity[] = [];
    for (const kind of ['phone', 'loyalty_card'] as const) {
      const normalised = normaliseIdentity({ kind, value: text });
      if (normalised.ok) identities.push(normalised.identity);
    }
    const exact = await this.exact(ctx, identities, text, first, true);
    if (exact) return exact;
    return /\p{L}/u.test(text) ? this.byName(ctx, text, first) : null;
  }

  /**
   * Exact matches in one statement: the identities (phone, card or e-mail) and, with `sources`,
   * every plugin's `lookupColumn` (a text column, e.g. an order number), as a UNION ALL.
   * Identities win over lookup columns, then the order the kinds were given in.
   */
  private async exact(ctx: Ctx, identities: NormalisedIdentity[], text: string, first: number, sources: boolean): Promise<{ matchedBy: LookupMatch; ids: string[] } | null> {
    const db = ctx.db;
    const parts: Knex.QueryBuilder[] = [];
    if (identities.length > 0) {
      parts.push(
        db(T.identity)
          .select('customer_id', 'kind as source')
          .where((q) => {
            for (const i of identities) q.orWhere({ kind: i.kind, namespace: i.namespace, value: i.value });
          }),
      );
    }
    if (sources) {
      for (const source of this.registry.customerData) {
        if (!source.lookupColumn) continue;
        parts.push(db(source.table).select(`${source.customerColumn} as customer_id`, db.raw('cast(? as varchar(60)) as source', [source.label])).where(source.lookupColumn, text).limit(first));
      }
    }
    if (parts.length === 0) return null;
    // Each part as a derived table, unwrapped (SQLite refuses parenthesised UNION members).
    const [head, ...rest]: Knex.QueryBuilder[] = parts.map((part, i) => (parts.length === 1 ? part : db.select('*').from(part.as(`s${i}`))));
    const rows = (await (rest.length > 0 ? head!.unionAll(rest) : head!)) as { customer_id: string | null; source: string }[];
    const kinds: string[] = identities.map((i) => i.kind);
    const rank = (source: string) => (kinds.includes(source) ? kinds.indexOf(source) : kinds.length);
    const hits = rows.filter((r): r is { customer_id: string; source: string } => typeof r.customer_id === 'string').sort((a, b) => rank(a.source) - rank(b.source));
    if (hits.length === 0) return null;
    const matchedBy = hits[0]!.source;
    return { matchedBy, ids: hits.filter((h) => h.source === matchedBy).map((h) => h.customer_id) };
  }

  /**
   * Name prefixes: one word matches the start of the first or the last name; several words
   * match first-name prefix + last-name prefix, or the start of a compound last name. Each is
   * an index range scan on `search_first` / `search_last` limited to `first` rows.
   */
  private async byName(ctx: Ctx, text: string, first: number): Promise<{ matchedBy: LookupMatch; ids: string[] } | null> {
    const name = searchText(text)?.replace(/\s+/g, ' ');
    if (!name) return null;
    const range = (column: 'search_first' | 'search_last', prefix: string) =>
      ctx
        .db(T.customer)
        .where(column, '>=', prefix)
        .where(column, '<', prefixEnd(prefix))
        .where('status', 'active')
        .orderBy([column, 'id'])
        .limit(first);
    const words = name.split(' ');
    let rows: Pick<CustomerRow, 'id' | 'search_first' | 'search_last'>[];
    if (words.length === 1) {
      const [last, firsts] = await Promise.all([range('search_last', name).select('id', 'search_first', 'search_last'), range('search_first', name).select('id', 'search_first', 'search_last')]);
      rows = [...last, ...firsts] as typeof rows;
    } else {
      const firstName = words[0]!;
      const lastName = words.slice(1).join(' ');
      const [split, compound] = await Promise.all([
        range('search_last', lastName).where('search_first', '>=', firstName).where('search_first', '<', prefixEnd(firstName)).select('id', 'search_first', 'search_last'),
        range('search_last', name).select('id', 'search_first', 'search_last'),
      ]);
      rows = [...split, ...compound] as typeof rows;
    }
    const ids = [...new Set(rows.map((r) => r.id))];
    return ids.length > 0 ? { matchedBy: 'name', ids } : null;
  }

  /**
   * The customers behind `ids`, in order, merged ones replaced by their survivor (one statement
   * per merge hop, for all of them), erased ones left out, duplicates removed.
   */
  private async current(ctx: Ctx, ids: readonly string[]): Promise<CustomerWithStats[]> {
    const load = async (wanted: string[]) =>
      (await ctx
        .db(`${T.customer} as c`)
        .leftJoin(`${T.stats} as s`, 's.customer_id', 'c.id')
        .whereIn('c.id', wanted)
        .select('c.*', 's.orders_count', 's.first_purchase_at', 's.last_purchase_at', 's.preferred_location_id')) as CustomerWithStats[];
    const rows = new Map<string, CustomerWithStats>();
    const target = new Map<string, string>(ids.map((id) => [id, id]));
    let pending = [...new Set(ids)];
    for (let hop = 0; hop < 20 && pending.length > 0; hop++) {
      for (const row of await load(pending)) rows.set(row.id, row);
      const next: string[] = [];
      for (const [start, at] of target) {
        const row = rows.get(at);
        if (row?.status === 'merged' && row.merged_into_id) {
          target.set(start, row.merged_into_id);
          if (!rows.has(row.merged_into_id)) next.push(row.merged_into_id);
        }
      }
      pending = [...new Set(next)];
    }
    const seen = new Set<string>();
    const result: CustomerWithStats[] = [];
    for (const id of ids) {
      const row = rows.get(target.get(id)!);
      if (!row || row.status !== 'active' || seen.has(row.id)) continue;
      seen.add(row.id);
      result.push(row);
    }
    return result;
  }

  /** Identities, spend and recent timeline of every customer: three statements for all of them. */
  private async hydrate(ctx: Ctx, rows: CustomerWithStats[]): Promise<LookupHit[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const recent =
      ids.length === 1
        ? ctx.db(T.timeline).where('customer_id', ids[0]!).orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(LOOKUP_TIMELINE_ENTRIES)
        : ctx
            .db(
              ctx
                .db(T.timeline)
                .whereIn('customer_id', ids)
                .select('*', ctx.db.raw('row_number() over (partition by customer_id order by occurred_at desc, id desc) as rn'))
                .as('t'),
            )
            .where('rn', '<=', LOOKUP_TIMELINE_ENTRIES)
            .orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
    const [identities, spend, timeline] = (await Promise.all([
      ctx.db(T.identity).whereIn('customer_id', ids).orderBy(['kind', 'id']),
      ctx.db(T.spend).whereIn('customer_id', ids).orderBy('currency'),
      recent,
    ])) as [IdentityRow[], { customer_id: string; currency: string; amount: number | string }[], TimelineRow[]];
    return rows.map((row) => ({
      customer: toCustomer(row),
      identities: identities.filter((i) => i.customer_id === row.id).map(toIdentity),
      figures: {
        ordersCount: Number(row.orders_count ?? 0),
        spend: spend.filter((s) => s.customer_id === row.id).map((s) => ({ currency: s.currency, amount: Number(s.amount) })),
        firstPurchaseAt: epochDateOrNull(row.first_purchase_at),
        lastPurchaseAt: epochDateOrNull(row.last_purchase_at),
        preferredLocationId: row.preferred_location_id,
      },
      recentTimeline: timeline.filter((e) => e.customer_id === row.id).map(toTimelineEntry),
    }));
  }
}
