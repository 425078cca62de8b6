import { catalogSharedTypeDefs } from './catalog-shared.schema.js';

/** Type definitions of the catalog module's slice of the channel API. */
export const catalogChannelTypeDefs = /* GraphQL */ `
  ${catalogSharedTypeDefs}

  "A product as shoppers see it: active and published to this platform, in the platform's locale."
  type Product {
    id: ID!
    handle: String!
    title: String!
    description: String!
    brand: String
    attributes: JSON!
    options: [ProductOption!]!
    "The active variants."
    variants: [ProductVariant!]!
    media: [ProductMedia!]!
    categories: [Category!]!
    updatedAt: DateTime!
  }

  "A sellable item of a product."
  type ProductVariant {
    id: ID!
    product: Product!
    sku: String!
    "GS1 GTIN, 14 digits."
    gtin: String
    title: String!
    options: [SelectedOption!]!
    attributes: JSON!
    weightGrams: Int
  }

  "A node of the category tree."
  type Category {
    id: ID!
    parentId: ID
    handle: String!
    name: String!
    path: String!
    children: [Category!]!
  }

  "A curated, ordered list of products."
  type Collection {
    id: ID!
    handle: String!
    title: String!
    description: String!
    "The collection's products visible on this platform, in order."
    products(first: Int): [Product!]!
  }

  input ProductListFilter {
    "Products in this category or below it."
    categoryId: ID
    collectionId: ID
  }

  type Query {
    "The platform's assortment (active, published products) in id order."
    products(first: Int, after: String, filter: ProductListFilter): ProductConnection!
    "One visible product by id or handle; null when not visible here."
    product(id: ID, handle: String): Product
    "Scan-to-find: the variant whose SKU is exactly code, or whose GTIN is code (8, 12, 13 or 14 digits)."
    variantByCode(code: String!): ProductVariant
    "The category tree's roots (with children)."
    categories: [Category!]!
    collections: [Collection!]!
    collection(handle: String!): Collection
  }
`;
