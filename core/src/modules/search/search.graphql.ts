import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import type { FacetRequest } from './search-facets.js';
import type { ProductSearchResult } from './search.records.js';
import { searchChannelTypeDefs } from './search.schema.js';
import { SearchService, type SearchArgs } from './search.service.js';

const ALL_FACETS: FacetRequest = { categories: true, brands: true, attributes: true, priceRanges: true, inStock: true };

/** The facets a request selects (fragments: all of them). */
function requestedFacets(info: GraphQLResolveInfo): FacetRequest {
  const request: FacetRequest = { categories: false, brands: false, attributes: false, priceRanges: false, inStock: false };
  for (const node of info.fieldNodes) {
    const set: SelectionSetNode | undefined = node.selectionSet;
    for (const selection of set?.selections ?? []) {
      if (selection.kind !== 'Field') return ALL_FACETS;
      const name = (selection as FieldNode).name.value;
      if (name in request) request[name as keyof FacetRequest] = true;
    }
  }
  return request;
}

/** The search module's slice of the channel API: `searchProducts`. */
export const searchChannelGraphQL: GraphQLContribution = {
  typeDefs: searchChannelTypeDefs,
  resolvers: (scope) => {
    const search = () => scope.container.resolve(SearchService);
    return {
      Query: {
        searchProducts: (_: unknown, args: SearchArgs, ctx: Ctx) => search().search(ctx, args),
      },
      ProductSearchConnection: {
        edges: (result: ProductSearchResult) =>
          result.edges.map((edge) => ({ ...edge, score: result.scores.has(edge.node.id) ? -result.scores.get(edge.node.id)! : null })),
        totalCount: (result: ProductSearchResult, _: unknown, ctx: Ctx) => search().count(ctx, result.plan),
        facets: (result: ProductSearchResult, _: unknown, ctx: Ctx, info: GraphQLResolveInfo) => search().facets(ctx, result.plan, requestedFacets(info)),
      },
    };
  },
};
