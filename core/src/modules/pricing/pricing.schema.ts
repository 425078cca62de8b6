/** `Money`, shared by both APIs. */
const moneyTypeDefs = /* GraphQL */ `
  "An amount of money: an integer in the currency's minor unit (cents for EUR, yen for JPY) and an ISO 4217 code."
  type Money {
    "Integer amount in minor units: 1234 EUR is 12.34 €."
    amount: Int!
    "ISO 4217 code, e.g. EUR."
    currency: String!
    "The amount in major units as a plain decimal string, e.g. 12.34."
    decimal: String!
    "Formatted for people, e.g. 12,34 €. Locale: the argument, else the platform's (channel API), else en."
    formatted(locale: String): String!
  }
`;

/** Type definitions of the pricing module's slice of the admin API. */
export const pricingAdminTypeDefs = /* GraphQL */ `
  ${moneyTypeDefs}

  enum PriceListStatus {
    ACTIVE
    "An archived list prices nothing: platforms linked to it show no prices."
    ARCHIVED
  }

  "Prices of variants in one currency. Platforms sell with the list linked to them."
  type PriceList {
    id: ID!
    "Unique lowercase slug, e.g. spain-retail."
    code: String!
    name: String!
    "ISO 4217 code; fixed when the list is created."
    currency: String!
    status: PriceListStatus!
    "Ids of the platforms that sell with this list."
    platformIds: [ID!]!
    "The list's prices, oldest first."
    prices(first: Int, after: String, filter: PriceFilter): PriceConnection!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type PriceListEdge {
    cursor: String!
    node: PriceList!
  }

  type PriceListConnection {
    edges: [PriceListEdge!]!
    pageInfo: PageInfo!
  }

  input PriceListFilter {
    status: PriceListStatus
    currency: String
    "Part of the name or code (case-insensitive)."
    search: String
  }

  "One price of a variant in a price list."
  type Price {
    id: ID!
    priceListId: ID!
    variantId: ID!
    amount: Money!
    "The 'was' price shown struck through; higher than amount."
    compareAt: Money
    "Only customers of this group get this price; null: everyone."
    customerGroupId: ID
    "In force from (inclusive); null: always."
    startsAt: DateTime
    "In force until (exclusive); null: no end."
    endsAt: DateTime
    "The price applies from this quantity on (1 for listings)."
    minQuantity: Int!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type PriceEdge {
    cursor: String!
    node: Price!
  }

  type PriceConnection {
    edges: [PriceEdge!]!
    pageInfo: PageInfo!
  }

  input PriceFilter {
    variantId: ID
    customerGroupId: ID
    "true: only prices for everyone; false: only customer-group prices."
    base: Boolean
    "Only prices in force at this moment."
    activeAt: DateTime
  }

  input CreatePriceListInput {
    code: String!
    name: String!
    "ISO 4217 code, e.g. EUR. Cannot be changed later."
    currency: String!
    "Default ACTIVE."
    status: PriceListStatus
  }

  "Fields left out keep their value."
  input UpdatePriceListInput {
    id: ID!
    code: String
    name: String
    status: PriceListStatus
  }

  """
  One row of setPrices. With an id it updates that price; without, it updates the price with the
  same variant, customerGroupId, startsAt and minQuantity, or creates one.
  Give amounts in minor units (amount: 1234) or as decimals in major units (amountDecimal: "12.34").
  """
  input PriceInput {
    id: ID
    variantId: ID!
    amount: Int
    amountDecimal: String
    compareAtAmount: Int
    compareAtDecimal: String
    customerGroupId: ID
    startsAt: DateTime
    endsAt: DateTime
    "Default 1."
    minQuantity: Int
  }

  "How a platform prices: its price list and whether its prices include tax."
  type PlatformPricing {
    platformId: ID!
    "The list the platform sells with; null: the platform shows no prices."
    priceList: PriceList
    "Do the platform's prices include tax (VAT)? Storefronts show them as they are."
    pricesIncludeTax: Boolean!
  }

  extend type Platform {
    "The platform's price list and tax-inclusive flag. Needs pricing.read on the platform."
    pricing: PlatformPricing!
  }

  type Query {
    "Price lists, newest first. Needs pricing.read."
    priceLists(first: Int, after: String, filter: PriceListFilter): PriceListConnection!
    "One price list. Needs pricing.read."
    priceList(id: ID!): PriceList!
    "A list's prices, oldest first. Needs pricing.read."
    prices(priceListId: ID!, first: Int, after: String, filter: PriceFilter): PriceConnection!
    "Every price of a variant, in all lists or one. Needs pricing.read."
    variantPrices(variantId: ID!, priceListId: ID): [Price!]!
    "A platform's pricing settings. Needs pricing.read on the platform."
    platformPricing(platformId: ID!): PlatformPricing!
  }

  type Mutation {
    "Creates a price list. Needs pricing.manage."
    createPriceList(input: CreatePriceListInput!): PriceList!
    "Edits a price list. Needs pricing.manage on every platform linked to it."
    updatePriceList(input: UpdatePriceListInput!): PriceList!
    "Deletes a price list and its prices; refused while a platform uses it. Needs pricing.manage. Returns the id."
    deletePriceList(id: ID!): ID!
    """
    Creates or updates up to 1000 prices of a list in one transaction: all are saved or none.
    Errors name the row: prices.3.amount. Needs pricing.manage on every platform linked to the list.
    """
    setPrices(priceListId: ID!, prices: [PriceInput!]!): [Price!]!
    "Deletes one price. Returns its id. Needs pricing.manage on every platform linked to its list."
    deletePrice(id: ID!): ID!
    """
    Links a price list to a platform (null unlinks) and says whether its prices include tax.
    The list's currency must be the platform's. Needs pricing.manage on the platform.
    """
    setPlatformPricing(platformId: ID!, priceListId: ID, pricesIncludeTax: Boolean!): PlatformPricing!
  }
`;

/** Admin API: the prices of a catalog variant (added once the catalog's ProductVariant exists). */
export const pricingAdminVariantTypeDefs = /* GraphQL */ `
  extend type ProductVariant {
    "The variant's prices in every list, or in one. Needs pricing.read."
    prices(priceListId: ID): [Price!]!
  }
`;

/** Type definitions of the pricing module's slice of the channel API. */
export const pricingChannelTypeDefs = /* GraphQL */ `
  ${moneyTypeDefs}

  "The price of a variant on the current platform, for the current customer, now."
  type VariantPrice {
    "Integer amount in minor units of currency."
    amount: Int!
    "The 'was' price (shown struck through), or null."
    compareAt: Money
    "The platform's currency (ISO 4217)."
    currency: String!
    "Do the amounts include tax? (the platform's setting)"
    includesTax: Boolean!
    "amount as Money (with formatting)."
    money: Money!
    "When this price stops applying (the end of a sale), or null."
    endsAt: DateTime
  }

  extend type Platform {
    "Do this platform's prices include tax (VAT)? Label prices accordingly."
    pricesIncludeTax: Boolean!
  }

  "The lowest and highest price of a product's variants on the current platform."
  type PriceRange {
    min: Money!
    max: Money!
    includesTax: Boolean!
  }
`;

/** Channel API: prices on the catalog's types (added once the catalog's Product and ProductVariant exist). */
export const pricingChannelCatalogTypeDefs = /* GraphQL */ `
  extend type ProductVariant {
    "The price on this platform for this customer now; null when the variant has no price here."
    price: VariantPrice
  }

  extend type Product {
    "Lowest and highest variant price on this platform; null when no variant has a price here."
    priceRange: PriceRange
  }
`;
