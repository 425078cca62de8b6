import type { Connection } from '../../gateway/connection.js';
import type { ChannelProduct } from '../catalog/channel-catalog.js';
import type { SearchPlan } from './search-plan.js';

/** One page of search results, with what it takes to count them or compute facets on demand. */
export interface ProductSearchResult extends Connection<ChannelProduct> {
  /** The validated search (used by `totalCount` and `facets`, computed only when asked for). */
  readonly plan: SearchPlan;
  /** Relevance of each product on the page (lower is better); absent for a plain listing. */
  readonly scores: ReadonlyMap<string, number>;
}
