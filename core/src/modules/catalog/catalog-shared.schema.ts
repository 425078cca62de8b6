/** Types both catalog API slices share (each API is its own schema; these are repeated in both). */
export const catalogSharedTypeDefs = /* GraphQL */ `
  "An option of a product (size, colour…) with its values in display order."
  type ProductOption {
    name: String!
    values: [String!]!
  }

  "The value a variant has for one option."
  type SelectedOption {
    name: String!
    value: String!
  }

  "An image of a product."
  type ProductMedia {
    "An http(s) URL."
    url: String!
    "Alternative text for screen readers."
    alt: String!
  }

  type ProductEdge {
    cursor: String!
    node: Product!
  }

  type ProductConnection {
    edges: [ProductEdge!]!
    pageInfo: PageInfo!
    "The number of products matching the filter (counted only when asked for)."
    totalCount: Int!
  }
`;
