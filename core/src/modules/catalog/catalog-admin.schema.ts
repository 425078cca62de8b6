import { catalogSharedTypeDefs } from './catalog-shared.schema.js';

/** Type definitions of the catalog module's slice of the admin API. */
export const catalogAdminTypeDefs = /* GraphQL */ `
  ${catalogSharedTypeDefs}

  enum ProductStatus {
    DRAFT
    ACTIVE
    ARCHIVED
  }

  enum VariantStatus {
    ACTIVE
    ARCHIVED
  }

  enum AttributeType {
    STRING
    NUMBER
    BOOLEAN
    ENUM
    STRING_LIST
  }

  enum AttributeTarget {
    PRODUCT
    VARIANT
  }

  "A product with its variants. Draft and archived products are never shown on a channel."
  type Product {
    id: ID!
    "URL slug, unique."
    handle: String!
    title: String!
    description: String!
    brand: String
    status: ProductStatus!
    "Custom attributes, validated by the attribute definitions."
    attributes: JSON!
    options: [ProductOption!]!
    variants: [ProductVariant!]!
    media: [ProductMedia!]!
    categories: [Category!]!
    translations: [ProductTranslation!]!
    "The platforms this product is published to (its assortment)."
    platforms: [ProductPublication!]!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  "A sellable item of a product: one value per option, its own SKU and GTIN."
  type ProductVariant {
    id: ID!
    productId: ID!
    product: Product!
    sku: String!
    "GS1 GTIN, 14 digits (GTIN-8/12/13 left-padded with zeros)."
    gtin: String
    title: String!
    position: Int!
    options: [SelectedOption!]!
    attributes: JSON!
    weightGrams: Int
    "Tax category checkout taxes it with: standard, reduced, super_reduced or zero."
    taxCategory: String!
    status: VariantStatus!
  }

  "A product's title and description in one locale."
  type ProductTranslation {
    locale: String!
    title: String!
    description: String!
  }

  "A product's publication on a platform."
  type ProductPublication {
    platformId: ID!
    publishedAt: DateTime!
  }

  "A node of the category tree."
  type Category {
    id: ID!
    parentId: ID
    handle: String!
    name: String!
    "Materialized path of ids, own id last: /cat_a/cat_b/."
    path: String!
    position: Int!
    children: [Category!]!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  "A curated, ordered list of products."
  type Collection {
    id: ID!
    handle: String!
    title: String!
    description: String!
    products: [Product!]!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  "A custom attribute definition: the schema product/variant attributes are validated by."
  type AttributeDefinition {
    id: ID!
    code: String!
    label: String!
    type: AttributeType!
    "Allowed values of an ENUM attribute."
    options: [String!]
    filterable: Boolean!
    required: Boolean!
    appliesTo: AttributeTarget!
    createdAt: DateTime!
  }

  input ProductFilter {
    status: ProductStatus
    brand: String
    "Products in this category or any category below it."
    categoryId: ID
    collectionId: ID
    "Products published to this platform."
    platformId: ID
    "Products changed at or after this time."
    updatedSince: DateTime
    "Part of the title or of a variant's SKU (case-insensitive)."
    query: String
  }

  input SelectedOptionInput {
    name: String!
    value: String!
  }

  input ProductOptionInput {
    name: String!
    values: [String!]!
  }

  input ProductMediaInput {
    url: String!
    alt: String
  }

  input ProductTranslationInput {
    locale: String!
    title: String!
    description: String
  }

  input VariantInput {
    "Keeps an existing variant (matched by SKU when left out)."
    id: ID
    sku: String!
    "GTIN-8, -12, -13 or -14; stored as 14 digits."
    gtin: String
    "Defaults to the option values joined with ' / '."
    title: String
    optionValues: [SelectedOptionInput!]
    attributes: JSON
    weightGrams: Int
    "standard (default), reduced, super_reduced or zero."
    taxCategory: String
    status: VariantStatus
  }

  input CreateProductInput {
    handle: String!
    title: String!
    description: String
    brand: String
    "Default DRAFT."
    status: ProductStatus
    attributes: JSON
    options: [ProductOptionInput!]
    variants: [VariantInput!]
    categoryIds: [ID!]
    "Categories by handle path, e.g. clothing/tops."
    categoryPaths: [String!]
    media: [ProductMediaInput!]
    translations: [ProductTranslationInput!]
  }

  "Fields left out keep their value; lists given replace the whole list. Variants have their own mutations."
  input UpdateProductInput {
    id: ID!
    handle: String
    title: String
    description: String
    brand: String
    status: ProductStatus
    attributes: JSON
    options: [ProductOptionInput!]
    categoryIds: [ID!]
    categoryPaths: [String!]
    media: [ProductMediaInput!]
    translations: [ProductTranslationInput!]
  }

  input CreateVariantInput {
    productId: ID!
    sku: String!
    gtin: String
    title: String
    optionValues: [SelectedOptionInput!]
    attributes: JSON
    weightGrams: Int
    "standard (default), reduced, super_reduced or zero."
    taxCategory: String
    status: VariantStatus
  }

  "Fields left out keep their value."
  input UpdateVariantInput {
    id: ID!
    sku: String
    gtin: String
    title: String
    optionValues: [SelectedOptionInput!]
    attributes: JSON
    weightGrams: Int
    "standard (default), reduced, super_reduced or zero."
    taxCategory: String
    status: VariantStatus
  }

  input PublishProductInput {
    productId: ID!
    platformIds: [ID!]!
  }

  input CreateCategoryInput {
    handle: String!
    name: String!
    parentId: ID
    position: Int
  }

  "parentId moves the category with its subtree (null: to the root); left out keeps it."
  input UpdateCategoryInput {
    id: ID!
    handle: String
    name: String
    parentId: ID
    position: Int
  }

  input CreateCollectionInput {
    handle: String!
    title: String!
    description: String
    "Products in display order."
    productIds: [ID!]
  }

  input UpdateCollectionInput {
    id: ID!
    handle: String
    title: String
    description: String
    "Replaces the ordered products."
    productIds: [ID!]
  }

  input CreateAttributeDefinitionInput {
    code: String!
    label: String!
    type: AttributeType!
    options: [String!]
    filterable: Boolean
    required: Boolean
    "Default PRODUCT."
    appliesTo: AttributeTarget
  }

  "The code, type and target are fixed once created."
  input UpdateAttributeDefinitionInput {
    id: ID!
    label: String
    options: [String!]
    filterable: Boolean
    required: Boolean
  }

  type Query {
    "Products, newest first. Needs catalog.read."
    products(first: Int, after: String, filter: ProductFilter): ProductConnection!
    "One product by id or handle. Needs catalog.read."
    product(id: ID, handle: String): Product!
    "One variant. Needs catalog.read."
    variant(id: ID!): ProductVariant!
    "Every category in tree order (parents before children, siblings by position). Needs catalog.read."
    categories: [Category!]!
    "Every collection by title. Needs catalog.read."
    collections: [Collection!]!
    "One collection by id or handle. Needs catalog.read."
    collection(id: ID, handle: String): Collection
    "Custom attribute definitions. Needs catalog.read."
    attributeDefinitions: [AttributeDefinition!]!
  }

  type Mutation {
    "Creates a product with its variants. Needs catalog.manage."
    createProduct(input: CreateProductInput!): Product!
    "Creates the product with this handle, or replaces it entirely (variants matched by SKU). Needs catalog.manage."
    upsertProduct(input: CreateProductInput!): Product!
    "Edits a product. Needs catalog.manage."
    updateProduct(input: UpdateProductInput!): Product!
    "Deletes a product with its variants. Needs catalog.manage."
    deleteProduct(id: ID!): Product!
    "Sets the status of up to 100 products. Needs catalog.manage."
    setProductStatus(ids: [ID!]!, status: ProductStatus!): [Product!]!
    "Adds a variant to a product. Needs catalog.manage."
    createVariant(input: CreateVariantInput!): ProductVariant!
    "Edits a variant. Needs catalog.manage."
    updateVariant(input: UpdateVariantInput!): ProductVariant!
    "Deletes a variant. Needs catalog.manage."
    deleteVariant(id: ID!): ProductVariant!
    "Publishes a product to platforms. Needs catalog.publish on each platform."
    publishProduct(input: PublishProductInput!): Product!
    "Withdraws a product from platforms. Needs catalog.publish on each platform."
    unpublishProduct(input: PublishProductInput!): Product!
    createCategory(input: CreateCategoryInput!): Category!
    "Edits or moves a category (never under itself or its descendants)."
    updateCategory(input: UpdateCategoryInput!): Category!
    "Deletes a category without subcategories."
    deleteCategory(id: ID!): Category!
    createCollection(input: CreateCollectionInput!): Collection!
    updateCollection(input: UpdateCollectionInput!): Collection!
    deleteCollection(id: ID!): Collection!
    createAttributeDefinition(input: CreateAttributeDefinitionInput!): AttributeDefinition!
    updateAttributeDefinition(input: UpdateAttributeDefinitionInput!): AttributeDefinition!
    deleteAttributeDefinition(id: ID!): AttributeDefinition!
  }
`;
