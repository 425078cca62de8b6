/** Type definitions of the shipping module's slice of the admin API (uses pricing's `Money`). */
export const shippingAdminTypeDefs = /* GraphQL */ `
  enum ShippingRateType {
    "One price per currency."
    FLAT
    "Bands on the cart's weight in grams."
    WEIGHT
    "Bands on the cart's subtotal in minor units; a band with amount 0 is free shipping."
    SUBTOTAL
  }

  type ShippingZoneMember {
    country: String!
    region: String
    postalPrefix: String
  }

  "A price of a method in a currency. For bands, it applies when min ≤ value ≤ max (max null: no upper bound)."
  type ShippingRate {
    currency: String!
    "Grams (WEIGHT) or minor units (SUBTOTAL); 0 for FLAT."
    min: Int!
    max: Int
    amount: Money!
  }

  type ShippingMethod {
    id: ID!
    zoneId: ID!
    "Unique within the zone, e.g. standard."
    code: String!
    name: String!
    carrier: String
    "Delivery estimate in days."
    minDays: Int!
    maxDays: Int!
    "Inactive methods are never offered."
    active: Boolean!
    "Platforms the method is offered on; empty: every platform."
    platformIds: [ID!]!
    rateType: ShippingRateType!
    rates: [ShippingRate!]!
    "Order among the zone's methods (ties in price are shown in this order)."
    position: Int!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  """
  Countries (or regions, or postal prefixes) shipped to alike. A destination belongs to the zone of
  its most specific member: postal prefix (longer first), then region, then the whole country.
  """
  type ShippingZone {
    id: ID!
    code: String!
    name: String!
    members: [ShippingZoneMember!]!
    methods: [ShippingMethod!]!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type ShippingZoneEdge {
    cursor: String!
    node: ShippingZone!
  }

  type ShippingZoneConnection {
    edges: [ShippingZoneEdge!]!
    pageInfo: PageInfo!
  }

  input ShippingZoneMemberInput {
    country: String!
    region: String
    postalPrefix: String
  }

  input CreateShippingZoneInput {
    code: String!
    name: String!
    members: [ShippingZoneMemberInput!]!
  }

  "Fields left out keep their value; members given replace the zone's."
  input UpdateShippingZoneInput {
    id: ID!
    code: String
    name: String
    members: [ShippingZoneMemberInput!]
  }

  input ShippingRateInput {
    currency: String!
    "Band lower bound (inclusive); leave out for FLAT. Default 0."
    min: Int
    "Band upper bound (inclusive); null: no upper bound."
    max: Int
    "Price in minor units."
    amount: Int!
  }

  input CreateShippingMethodInput {
    zoneId: ID!
    code: String!
    name: String!
    carrier: String
    minDays: Int!
    maxDays: Int!
    "Default true."
    active: Boolean
    "Default: every platform."
    platformIds: [ID!]
    rateType: ShippingRateType!
    rates: [ShippingRateInput!]!
  }

  "Fields left out keep their value; rates given replace all (required when rateType changes)."
  input UpdateShippingMethodInput {
    id: ID!
    code: String
    name: String
    carrier: String
    minDays: Int
    maxDays: Int
    active: Boolean
    platformIds: [ID!]
    rateType: ShippingRateType
    rates: [ShippingRateInput!]
    position: Int
  }

  input ShippingDestinationInput {
    country: String!
    region: String
    postalCode: String
  }

  input ShippingQuoteInput {
    platformId: ID!
    currency: String!
    destination: ShippingDestinationInput!
    "Goods subtotal in minor units."
    subtotal: Int!
    weightGrams: Int!
  }

  type ShippingEstimate {
    minDays: Int!
    maxDays: Int!
  }

  type ShippingQuoteOption {
    methodId: ID!
    code: String!
    name: String!
    carrier: String
    price: Money!
    estimate: ShippingEstimate!
  }

  type ShippingQuote {
    "The destination's zone; null: nothing is offered there."
    zone: ShippingZone
    "Methods on offer, cheapest first."
    options: [ShippingQuoteOption!]!
  }

  type Query {
    "Shipping zones by code (shipping.read)."
    shippingZones(first: Int, after: String): ShippingZoneConnection!
    shippingZone(id: ID!): ShippingZone!
    shippingMethod(id: ID!): ShippingMethod!
    "The zone a destination belongs to, or null (shipping.read)."
    shippingZoneFor(destination: ShippingDestinationInput!): ShippingZone
    "What a cart would be offered (shipping.read)."
    shippingQuote(input: ShippingQuoteInput!): ShippingQuote!
  }

  type Mutation {
    createShippingZone(input: CreateShippingZoneInput!): ShippingZone!
    updateShippingZone(input: UpdateShippingZoneInput!): ShippingZone!
    "Deletes the zone with its methods; returns its id."
    deleteShippingZone(id: ID!): ID!
    createShippingMethod(input: CreateShippingMethodInput!): ShippingMethod!
    updateShippingMethod(input: UpdateShippingMethodInput!): ShippingMethod!
    "Deletes the method; returns its id."
    deleteShippingMethod(id: ID!): ID!
  }
`;
