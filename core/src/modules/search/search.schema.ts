/** The search module's slice of the channel API (the `Product` type is the catalog's). */
export const searchChannelTypeDefs = /* GraphQL */ `
  """An attribute condition: the product (or one of its variants) has one of these values."""
  input SearchAttributeFilter {
    code: String!
    values: [String!]!
  }

  """Filters of a product search. Every filter given must hold."""
  input SearchProductFilter {
    """The category and its whole subtree."""
    categoryId: ID
    collectionId: ID
    """Any of these brands."""
    brands: [String!]
    """Lowest price, in minor units, on the platform's price list (inclusive)."""
    priceMin: Int
    """Highest price, in minor units, on the platform's price list (inclusive)."""
    priceMax: Int
    """true: only products available on this platform (after safety stock); false: only those that are not."""
    inStock: Boolean
    """Conditions on filterable attributes; all must hold, any value within one."""
    attributes: [SearchAttributeFilter!]
  }

  type ProductSearchEdge {
    cursor: String!
    node: Product!
    """Relevance (higher is better); null for a listing without search text."""
    score: Float
  }

  type SearchFacetValue {
    value: String!
    count: Int!
  }

  type SearchCategoryFacet {
    id: ID!
    name: String!
    count: Int!
  }

  type SearchAttributeFacet {
    code: String!
    label: String!
    values: [SearchFacetValue!]!
  }

  """A price bucket [min, max) in minor units of the platform's currency; max null: no upper bound."""
  type SearchPriceRangeFacet {
    min: Int!
    max: Int
    count: Int!
  }

  type SearchInStockFacet {
    count: Int!
  }

  """Counts of the matching products by value. Each facet respects every filter except its own."""
  type SearchFacets {
    """Categories the matching products are assigned to (most frequent first, at most 50)."""
    categories: [SearchCategoryFacet!]!
    brands: [SearchFacetValue!]!
    """Filterable attributes with their values."""
    attributes: [SearchAttributeFacet!]!
    """Buckets of each product's lowest price on the platform's list."""
    priceRanges: [SearchPriceRangeFacet!]!
    """How many matching products are available on this platform."""
    inStock: SearchInStockFacet!
    """
    False when more than 1000 products match: the counts then cover the first 1000 (facet
    counting stays bounded on broad searches).
    """
    exhaustive: Boolean!
  }

  type ProductSearchConnection {
    edges: [ProductSearchEdge!]!
    pageInfo: PageInfo!
    """How many products match (one extra statement: ask only when shown)."""
    totalCount: Int!
    """Facet counts (one extra statement for all facets asked for)."""
    facets: SearchFacets!
  }

  type Query {
    """
    Searches the platform's active, published products: text over title, description, brand,
    SKU and GTIN (the last word matches as a prefix), ranked by relevance; without text, a
    filtered listing in catalog order.
    """
    searchProducts(query: String, filter: SearchProductFilter, first: Int, after: String): ProductSearchConnection!
  }
`;
