import type { Knex } from 'knex';
import { inject, injectable } from 'tsyringe';
import { dialectOf, type Dialect } from '../../db/database.js';
import { requirePlatform, type Ctx, type PlatformRef } from '../../kernel/context.js';
import { Tokens } from '../../kernel/tokens.js';
import { readPageArgs, toConnection, type PageArgs } from '../../gateway/connection.js';
import { errors } from '../../kernel/errors.js';
import { CatalogTables as C } from '../catalog/catalog.tables.js';
import { currencyExponent } from '../pricing/money.js';
import type { SearchBackend } from './search-backend.js';
import { candidates, HITS } from './search-conditions.js';
import { computeFacets, type FacetRequest, type SearchFacets } from './search-facets.js';
import { needsAttributeDefinitions, validateSearchFilter, type SearchAttributeDefinition, type SearchFilterInput } from './search-filter.js';
import { searchLocales, type SearchPlan } from './search-plan.js';
import { selectChannelColumns, toChannelProduct, type SearchProductRow } from './search-products.js';
import { parseSearchText } from './search-terms.js';
import type { ProductSearchResult } from './search.records.js';
import { SearchTokens } from './search.tokens.js';
import { SearchResultCache } from './search-result.cache.js';

/** Arguments of `searchProducts`. */
export interface SearchArgs extends PageArgs {
  query?: string | null;
  filter?: SearchFilterInput | null;
}

/** The CTE holding one page of candidate ids. */
const PAGE = 'search_page';

/** A page as the cache keeps it: product ids in order and their relevance. */
interface CachedPage {
  ids: string[];
  scores: (number | null)[];
}

/** What makes two searches the same (the moment `now` aside). */
function planKey(plan: SearchPlan): string {
  return JSON.stringify([plan.platformId, plan.locales, plan.terms?.words ?? null, plan.filter]);
}

/** Deepest offset a relevance-ordered page may start at (search results are read from the top). */
const MAX_OFFSET = 10_000;

function offsetFrom(afterKey: string | null): number {
  if (!afterKey) return 0;
  const offset = Number(afterKey.startsWith('o:') ? afterKey.slice(2) : NaN);
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw errors.badInput('The cursor is not valid; use an endCursor from a previous page of the same search', [{ path: 'after', message: 'invalid cursor' }], 'CURSOR_INVALID');
  }
  return offset;
}

function listingKeyFrom(afterKey: string | null): string | null {
  if (!afterKey) return null;
  if (!afterKey.startsWith('k:')) {
    throw errors.badInput('The cursor is not valid; use an endCursor from a previous page of the same search', [{ path: 'after', message: 'invalid cursor' }], 'CURSOR_INVALID');
  }
  return afterKey.slice(2);
}

/**
 * Product search on the channel API: full-text (SQLite FTS5 or PostgreSQL, through a
 * {@link SearchBackend}) over the catalog's search documents, restricted to active products
 * published to the request's platform, filtered by category subtree, collection, brand,
 * price on the platform's list, availability and attributes; ranked by relevance (or by id
 * for a plain listing). A page is **one** statement; `totalCount` and `facets` cost one
 * statement each, and only when asked for.
 */
@injectable()
export class SearchService {
  private readonly dialect: Dialect;

  constructor(
    @inject(SearchTokens.Backend) private readonly backend: SearchBackend,
    @inject(Tokens.Database) db: Knex,
    @inject(SearchResultCache) readonly cache: SearchResultCache,
  ) {
    this.dialect = dialectOf(db);
  }

  /** Validates the search and reads its first page (or the page after `after`). */
  async search(ctx: Ctx, args: SearchArgs): Promise<ProductSearchResult> {
    const platform = requirePlatform(ctx);
    const page = readPageArgs(args);
    const definitions = needsAttributeDefinitions(args.filter) ? await this.attributeDefinitions(ctx) : new Map<string, SearchAttributeDefinition>();
    const plan: SearchPlan = {
      platformId: platform.id,
      locales: searchLocales(platform.locale),
      terms: parseSearchText(args.query),
      filter: validateSearchFilter(args.filter, definitions),
      now: Date.now(),
    };
    if (plan.filter.priceMin !== null || plan.filter.priceMax !== null) plan.priceListId = await this.priceListOf(ctx, platform.id);
    const offset = plan.terms ? offsetFrom(page.afterKey) : 0;
    const after = plan.terms ? null : listingKeyFrom(page.afterKey);
    const key = `page|${planKey(plan)}|${page.size}|${page.afterKey ?? ''}`;
    let fresh: SearchProductRow[] | null = null;
    const page0 = await this.cache.getOrLoad<CachedPage>(key, async () => {
      fresh = await this.readPage(ctx, platform, plan, page.size, offset, after);
      return { ids: fresh.map((r) => r.id), scores: fresh.map((r) => (r.score === null || r.score === undefined ? null : Number(r.score))) };
    });
    const rows: SearchProductRow[] = fresh ?? (await this.visibleProducts(ctx, platform, page0));
    const cursorOf = plan.terms ? (row: SearchProductRow) => `o:${offset + rows.indexOf(row) + 1}` : (row: SearchProductRow) => `k:${row.id}`;
    const connection = toConnection(rows, page.size, cursorOf);
    const scores = new Map<string, number>();
    for (const row of rows) if (row.score !== null && row.score !== undefined) scores.set(row.id, Number(row.score));
    return { edges: connection.edges.map((e) => ({ cursor: e.cursor, node: toChannelProduct(e.node) })), pageInfo: connection.pageInfo, plan, scores };
  }

  /** How many products match the search (one COUNT statement, cached briefly). */
  async count(ctx: Ctx, plan: SearchPlan): Promise<number> {
    return this.cache.getOrLoad(`count|${planKey(plan)}`, async () => {
      const row = (await this.withHits(ctx.db, plan, candidates(ctx.db as Knex, this.dialect, plan).count({ n: '*' })).first()) as { n: number | string };
      return Number(row.n);
    });
  }

  /** The requested facet counts of a search (one statement, cached briefly). */
  async facets(ctx: Ctx, plan: SearchPlan, request: FacetRequest): Promise<SearchFacets> {
    const platform = requirePlatform(ctx);
    return this.cache.getOrLoad(`facets|${planKey(plan)}|${JSON.stringify(request)}`, async () => {
      const defs = request.attributes ? [...(await this.attributeDefinitions(ctx)).values()].filter((d) => d.filterable) : [];
      const priced = request.priceRanges || plan.filter.priceMin !== null || plan.filter.priceMax !== null ? { ...plan, priceListId: await this.priceListOf(ctx, platform.id) } : plan;
      return computeFacets(ctx.db as Knex, this.dialect, priced, request, defs, currencyExponent(platform.currency), (q) => this.withHits(ctx.db, plan, q));
    });
  }

  /**
   * One page in ONE statement: the candidates ordered (relevance, or id for a listing) and
   * limited first, then only the page's rows joined to their text in the platform's locale.
   */
  private async readPage(ctx: Ctx, platform: PlatformRef, plan: SearchPlan, size: number, offset: number, after: string | null): Promise<SearchProductRow[]> {
    const db = ctx.db as Knex;
    const inner = candidates(db, this.dialect, plan);
    if (plan.terms) {
      inner.select('p.id as pid', 'h.score as score').orderBy([{ column: 'h.score' }, { column: 'p.id' }]).limit(size + 1).offset(offset);
    } else {
      if (after) inner.where('pp.product_id', '>', after);
      inner.select('pp.product_id as pid', db.raw('null as score')).orderBy('pp.product_id').limit(size + 1);
    }
    const query = this.withHits(db, plan, db.queryBuilder()).withMaterialized(PAGE, inner);
    selectChannelColumns(db, platform, query.from(`${PAGE} as sp`).join(`${C.product} as p`, 'p.id', 'sp.pid')).select('sp.score');
    return (await (plan.terms ? query.orderBy([{ column: 'sp.score' }, { column: 'p.id' }]) : query.orderBy('p.id'))) as SearchProductRow[];
  }

  /** The products of a cached page that are still visible on the platform, in the page's order (one statement). */
  private async visibleProducts(ctx: Ctx, platform: PlatformRef, page: CachedPage): Promise<SearchProductRow[]> {
    if (page.ids.length === 0) return [];
    const db = ctx.db as Knex;
    const query = db.from(`${C.productPlatform} as pp`).join(`${C.product} as p`, 'p.id', 'pp.product_id').where('pp.platform_id', platform.id).where('p.status', 'active').whereIn('p.id', page.ids);
    const rows = (await selectChannelColumns(db, platform, query)) as SearchProductRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return page.ids.flatMap((id, i) => {
      const row = byId.get(id);
      return row ? [{ ...row, score: page.scores[i] ?? undefined }] : [];
    });
  }

  /** Re-indexes every search document (see {@link SearchBackend.rebuild}). */
  rebuild(ctx: Ctx): Promise<void> {
    return this.backend.rebuild(ctx.db);
  }

  private withHits(db: Knex | Knex.Transaction, plan: SearchPlan, query: Knex.QueryBuilder): Knex.QueryBuilder {
    if (!plan.terms) return query;
    const hits = this.backend.matches(db, plan.terms, plan.locales);
    // SQLite must materialize (bm25 needs FTS5 to drive its own scan); PostgreSQL inlines a CTE
    // used once, so its planner sees through it (and materializes one used several times).
    return this.dialect === 'sqlite' ? query.withMaterialized(HITS, hits) : query.with(HITS, hits);
  }

  /** The platform's active price list (cached briefly with the answers), or null. */
  private async priceListOf(ctx: Ctx, platformId: string): Promise<string | null> {
    const key = `priceList|${platformId}`;
    const cached = this.cache.get<{ id: string | null }>(key);
    if (cached) return cached.id;
    const row = (await ctx.db('platform as pf').join('pricing_price_list as pl', 'pl.id', 'pf.price_list_id').where('pf.id', platformId).where('pl.status', 'active').first('pl.id')) as { id: string } | undefined;
    this.cache.set(key, { id: row?.id ?? null });
    return row?.id ?? null;
  }

  private async attributeDefinitions(ctx: Ctx): Promise<Map<string, SearchAttributeDefinition>> {
    const rows = (await ctx.db(C.attribute).select('code', 'label', 'type', 'applies_to', 'filterable')) as { code: string; label: string; type: SearchAttributeDefinition['type']; applies_to: SearchAttributeDefinition['appliesTo']; filterable: boolean | number }[];
    return new Map(rows.map((r) => [r.code, { code: r.code, label: r.label, type: r.type, appliesTo: r.applies_to, filterable: Boolean(r.filterable) }]));
  }
}
