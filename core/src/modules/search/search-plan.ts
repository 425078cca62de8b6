import type { SearchFilter } from './search-filter.js';
import type { SearchTerms } from './search-terms.js';

/** Which filter a facet leaves out (facet counts respect every *other* filter). */
export type FilterKey = 'category' | 'collection' | 'brands' | 'price' | 'inStock' | `attribute:${string}`;

/** Everything one search needs, validated: for whom, what text, which filters. */
export interface SearchPlan {
  platformId: string;
  /** Search documents of these locales are matched ('' = the default text). */
  locales: string[];
  terms: SearchTerms | null;
  filter: SearchFilter;
  /** The moment prices are resolved at (epoch ms). */
  now: number;
  /**
   * The platform's active price list, when the search needs prices (a price filter or the
   * price facet); null when it has none (then nothing matches a price filter).
   */
  priceListId?: string | null;
}

/** The locales whose search documents a platform's shoppers search: the default text, the platform's locale and its language. */
export function searchLocales(platformLocale: string | null | undefined): string[] {
  const locales = new Set<string>(['']);
  if (platformLocale) {
    locales.add(platformLocale);
    locales.add(platformLocale.split('-')[0]!);
  }
  return [...locales];
}
