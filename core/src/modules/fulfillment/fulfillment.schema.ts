/** Type definitions of the fulfillment module's slice of the admin API. */
export const fulfillmentAdminTypeDefs = /* GraphQL */ `
  enum FulfillmentMode {
    SHIP
    PICKUP
  }

  enum FulfillmentStatus {
    "Its process is running."
    OPEN
    "Its process ended (shipped and delivered, or handed over)."
    DONE
    CANCELLED
  }

  "An order line's quantity in a fulfillment."
  type FulfillmentLine {
    id: ID!
    orderLineId: ID!
    quantity: Int!
  }

  "A shipment or pickup of (part of) an order from one location, following the platform's fulfillment process."
  type Fulfillment {
    id: ID!
    orderId: ID!
    platformId: ID!
    locationId: ID!
    mode: FulfillmentMode!
    "The state of its process, e.g. pending, packed, shipped, delivered, cancelled."
    state: String!
    status: FulfillmentStatus!
    processInstanceId: ID
    carrier: String
    trackingNumber: String
    trackingUrl: String
    cancelReason: String
    packedAt: DateTime
    shippedAt: DateTime
    deliveredAt: DateTime
    "The staff member who handed a pickup over."
    collectedByStaffId: ID
    createdAt: DateTime!
    updatedAt: DateTime!
    lines: [FulfillmentLine!]!
  }

  type FulfillmentEdge {
    cursor: String!
    node: Fulfillment!
  }

  type FulfillmentConnection {
    edges: [FulfillmentEdge!]!
    pageInfo: PageInfo!
  }

  input FulfillmentFilter {
    locationId: ID
    orderId: ID
    state: String
    status: FulfillmentStatus
    mode: FulfillmentMode
  }

  input FulfillmentLineInput {
    orderLineId: ID!
    quantity: Int!
  }

  input ShipFulfillmentInput {
    carrier: String
    trackingNumber: String!
    trackingUrl: String
  }

  input CreateFulfillmentInput {
    "Must be the location the lines are sold from (moving a sale between locations is not supported)."
    locationId: ID!
    lines: [FulfillmentLineInput!]!
  }

  "An order found by its pickup code at a store, with its pickup fulfillments there."
  type PickupMatch {
    orderId: ID!
    orderNumber: String!
    fulfillments: [Fulfillment!]!
  }

  extend type Order {
    "The order's fulfillments at the locations you may see."
    fulfillments: [Fulfillment!]!
  }

  extend type Query {
    "Fulfillments of the locations in your scope, oldest first — a store's pick list (fulfillment.read)."
    fulfillments(first: Int, after: String, filter: FulfillmentFilter): FulfillmentConnection!
    fulfillment(id: ID!): Fulfillment
    "The order waiting at a store for this pickup code (bare code or the QR content NUMBER:CODE), or null."
    findOrderByPickupCode(locationId: ID!, code: String!): PickupMatch
  }

  extend type Mutation {
    "Picked and packed (fulfillment.manage at its location)."
    packFulfillment(id: ID!): Fulfillment!
    "Shipped with a tracking number; once all of the order's fulfillments shipped, the order ships."
    shipFulfillment(id: ID!, input: ShipFulfillmentInput!): Fulfillment!
    deliverFulfillment(id: ID!): Fulfillment!
    "Cancels it: its quantities become unassigned (no stock is given back; cancel the order for that)."
    cancelFulfillment(id: ID!, reason: String): Fulfillment!
    "A fulfillment for unassigned quantities of an open order."
    createFulfillment(orderId: ID!, input: CreateFulfillmentInput!): Fulfillment!
    "Moves these quantities into a new pending fulfillment at the same location (partial fulfillment); returns the new one."
    splitFulfillment(id: ID!, lines: [FulfillmentLineInput!]!): Fulfillment!
    "Packs a pickup; once all are ready the order is ready for pickup and the customer gets the code and QR."
    markReadyForPickup(id: ID!): Fulfillment!
    "Hands a pickup over against the customer's code (bare or QR content), by order or by fulfillment."
    collectPickup(orderId: ID, fulfillmentId: ID, code: String!): [Fulfillment!]!
  }
`;

/** The channel API: the pickup QR of the customer's own order. */
export const fulfillmentChannelTypeDefs = /* GraphQL */ `
  extend type Order {
    "The pickup QR code image (data:image/png URL) — shown where the pickup code is (the order's owner)."
    pickupQr: String
  }
`;
