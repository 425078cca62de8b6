/** Type definitions of the tax module's slice of the admin API. */
export const taxAdminTypeDefs = /* GraphQL */ `
  "Tax category of a product variant (variants default to STANDARD)."
  enum TaxCategory {
    STANDARD
    REDUCED
    SUPER_REDUCED
    ZERO
  }

  "A country, optionally narrowed to a region (ISO 3166-2 subdivision without the country, e.g. CN) or a postal-code prefix."
  type TaxZoneMember {
    country: String!
    region: String
    postalPrefix: String
  }

  "The rate of one category in a zone."
  type TaxRate {
    category: TaxCategory!
    "Basis points: 2100 is 21 %."
    rateBasisPoints: Int!
    "Label for receipts."
    name: String!
  }

  """
  Countries (or parts of them) taxed alike. A destination belongs to the zone of its most specific
  member: postal prefix (longer first), then region, then the whole country.
  """
  type TaxZone {
    id: ID!
    "Unique lowercase slug, e.g. es."
    code: String!
    name: String!
    members: [TaxZoneMember!]!
    "Rates by category; a category without a rate is not taxed in this zone."
    rates: [TaxRate!]!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type TaxZoneEdge {
    cursor: String!
    node: TaxZone!
  }

  type TaxZoneConnection {
    edges: [TaxZoneEdge!]!
    pageInfo: PageInfo!
  }

  input TaxZoneMemberInput {
    country: String!
    region: String
    postalPrefix: String
  }

  input TaxRateInput {
    category: TaxCategory!
    rateBasisPoints: Int!
    "Default e.g. 'Standard 21 %'."
    name: String
  }

  input CreateTaxZoneInput {
    code: String!
    name: String!
    members: [TaxZoneMemberInput!]!
    rates: [TaxRateInput!]
  }

  "Fields left out keep their value; members or rates given replace all of the zone's."
  input UpdateTaxZoneInput {
    id: ID!
    code: String
    name: String
    members: [TaxZoneMemberInput!]
    rates: [TaxRateInput!]
  }

  input TaxDestinationInput {
    country: String!
    region: String
    postalCode: String
  }

  input TaxLineInput {
    key: String!
    "Line total in minor units."
    amount: Int!
    quantity: Int!
    "Default STANDARD."
    taxCategory: TaxCategory
  }

  input TaxPreviewInput {
    lines: [TaxLineInput!]!
    pricesIncludeTax: Boolean!
    currency: String!
    destination: TaxDestinationInput!
  }

  type TaxedLine {
    key: String!
    quantity: Int!
    taxCategory: TaxCategory!
    rateBasisPoints: Int!
    net: Int!
    tax: Int!
    gross: Int!
  }

  type TaxBreakdownRow {
    category: TaxCategory!
    rateBasisPoints: Int!
    name: String!
    net: Int!
    tax: Int!
    gross: Int!
  }

  type TaxTotals {
    net: Int!
    tax: Int!
    gross: Int!
  }

  "Tax of lines for a destination, rounded per line in minor units; totals always add up."
  type TaxPreview {
    "The destination's zone; null: no zone covers it and nothing is taxed."
    zone: TaxZone
    currency: String!
    pricesIncludeTax: Boolean!
    lines: [TaxedLine!]!
    breakdown: [TaxBreakdownRow!]!
    totals: TaxTotals!
  }

  type Query {
    "Tax zones by code (tax.read)."
    taxZones(first: Int, after: String): TaxZoneConnection!
    taxZone(id: ID!): TaxZone!
    "The zone a destination belongs to, or null (tax.read)."
    taxZoneFor(destination: TaxDestinationInput!): TaxZone
    "What the carts would compute for these lines (tax.read)."
    taxPreview(input: TaxPreviewInput!): TaxPreview!
  }

  type Mutation {
    createTaxZone(input: CreateTaxZoneInput!): TaxZone!
    updateTaxZone(input: UpdateTaxZoneInput!): TaxZone!
    "Deletes the zone and its rates; returns its id."
    deleteTaxZone(id: ID!): ID!
  }
`;
