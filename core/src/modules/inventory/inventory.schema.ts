/** Type definitions of the inventory module's slice of the admin API. */
export const inventoryAdminTypeDefs = /* GraphQL */ `
  enum StockMovementKind {
    RECEIPT
    SALE
    RETURN
    ADJUSTMENT
    TRANSFER_OUT
    TRANSFER_IN
    DAMAGE
    COUNT_CORRECTION
  }

  enum StockAdjustmentKind {
    ADJUSTMENT
    DAMAGE
  }

  enum StockReservationStatus {
    ACTIVE
    COMMITTED
    RELEASED
    EXPIRED
  }

  enum StockTransferStatus {
    REQUESTED
    SHIPPED
    PARTIALLY_RECEIVED
    RECEIVED
    CANCELLED
  }

  "What a movement or reservation is for: a cart, an order, a transfer, a POS ticket…"
  type StockReference {
    type: String!
    id: ID!
  }

  input StockReferenceInput {
    type: String!
    id: ID!
  }

  "Stock of one variant at one location."
  type StockLevel {
    variantId: ID!
    locationId: ID!
    variant: ProductVariant
    location: StockLocation
    onHand: Int!
    reserved: Int!
    "onHand − reserved (negative after an offline sale of stock that was not there)."
    available: Int!
    lowStockThreshold: Int
    "available is below the threshold."
    lowStock: Boolean!
    updatedAt: DateTime!
  }

  type StockLevelEdge {
    cursor: String!
    node: StockLevel!
  }

  type StockLevelConnection {
    edges: [StockLevelEdge!]!
    pageInfo: PageInfo!
  }

  input StockLevelFilter {
    variantId: ID
    locationId: ID
    "Only levels whose available is below their low-stock threshold."
    belowThreshold: Boolean
  }

  "One entry of the append-only stock ledger."
  type StockMovement {
    id: ID!
    variantId: ID!
    locationId: ID!
    variant: ProductVariant
    location: StockLocation
    kind: StockMovementKind!
    "Signed: what it added to on hand."
    quantity: Int!
    reason: String
    actorKind: String!
    actorId: String!
    platformId: ID
    reference: StockReference
    idempotencyKey: String
    createdAt: DateTime!
  }

  type StockMovementEdge {
    cursor: String!
    node: StockMovement!
  }

  type StockMovementConnection {
    edges: [StockMovementEdge!]!
    pageInfo: PageInfo!
  }

  input StockMovementFilter {
    variantId: ID
    locationId: ID
    kind: StockMovementKind
    reference: StockReferenceInput
    "Created at or after."
    from: DateTime
    "Created before."
    to: DateTime
  }

  "Units held at a location for a cart, order or transfer."
  type StockReservation {
    id: ID!
    "The request that made it (all its reservations were made together)."
    requestId: ID!
    variantId: ID!
    locationId: ID!
    variant: ProductVariant
    location: StockLocation
    quantity: Int!
    platformId: ID
    reference: StockReference!
    status: StockReservationStatus!
    expiresAt: DateTime
    createdAt: DateTime!
    endedAt: DateTime
  }

  type StockReservationEdge {
    cursor: String!
    node: StockReservation!
  }

  type StockReservationConnection {
    edges: [StockReservationEdge!]!
    pageInfo: PageInfo!
  }

  input StockReservationFilter {
    variantId: ID
    locationId: ID
    status: StockReservationStatus
    reference: StockReferenceInput
  }

  type StockTransferLine {
    variantId: ID!
    quantity: Int!
    quantityReceived: Int!
    quantityRemaining: Int!
  }

  "Stock moving from one location to another."
  type StockTransfer {
    id: ID!
    sourceLocationId: ID!
    destinationLocationId: ID!
    status: StockTransferStatus!
    note: String
    lines: [StockTransferLine!]!
    createdBy: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    shippedAt: DateTime
    receivedAt: DateTime
  }

  type StockTransferEdge {
    cursor: String!
    node: StockTransfer!
  }

  type StockTransferConnection {
    edges: [StockTransferEdge!]!
    pageInfo: PageInfo!
  }

  input StockTransferFilter {
    status: StockTransferStatus
    "From or to this location."
    locationId: ID
  }

  "A level that disagrees with its ledger or its reservations."
  type StockDrift {
    variantId: ID!
    locationId: ID!
    onHand: Int!
    "sum(movements): what onHand must be."
    ledgerOnHand: Int!
    reserved: Int!
    "sum(active reservations): what reserved must be."
    activeReserved: Int!
  }

  "A booked movement and the level after it."
  type StockChange {
    movement: StockMovement!
    level: StockLevel!
  }

  "A count: the correction booked (null when the count matched) and the level."
  type StockCountResult {
    movement: StockMovement
    level: StockLevel!
  }

  input AdjustInventoryInput {
    variantId: ID!
    locationId: ID!
    "Signed change of on hand (negative for DAMAGE)."
    delta: Int!
    kind: StockAdjustmentKind = ADJUSTMENT
    reason: String!
    idempotencyKey: String
  }

  input ReceiveStockInput {
    variantId: ID!
    locationId: ID!
    quantity: Int!
    reason: String
    reference: StockReferenceInput
    idempotencyKey: String
  }

  input CountStockInput {
    variantId: ID!
    locationId: ID!
    "The quantity on the shelf; the difference to on hand is booked as a count correction."
    countedQuantity: Int!
    reason: String
    idempotencyKey: String
  }

  input SetLowStockThresholdInput {
    variantId: ID!
    locationId: ID!
    "Null clears it."
    threshold: Int
  }

  input StockLineInput {
    variantId: ID!
    locationId: ID!
    quantity: Int!
  }

  input ReserveStockInput {
    "Every line is held or none is (OUT_OF_STOCK names the short lines)."
    lines: [StockLineInput!]!
    "What the units are held for: a type (hold, order, cart…) and its id."
    reference: StockReferenceInput!
    "The hold ends after this many seconds unless committed or cancelled (none: until then)."
    ttlSeconds: Int
    "The platform holding the units (its safety stock applies)."
    platformId: ID
    "A retried request with the same key returns the first result."
    idempotencyKey: String
  }

  "The reservations one reserveStock request made."
  type StockReservationRequest {
    requestId: ID!
    reservations: [StockReservation!]!
  }

  input RecordStockSaleInput {
    lines: [StockLineInput!]!
    "The platform that sold (its safety stock applies unless allowNegative)."
    platformId: ID
    reference: StockReferenceInput
    "A POS syncing sales made offline: record them even below zero (raises inventory.negative_stock)."
    allowNegative: Boolean = false
    idempotencyKey: String
  }

  input StockTransferLineInput {
    variantId: ID!
    quantity: Int!
  }

  input CreateStockTransferInput {
    sourceLocationId: ID!
    destinationLocationId: ID!
    lines: [StockTransferLineInput!]!
    note: String
    idempotencyKey: String
  }

  input ReceiveStockTransferInput {
    transferId: ID!
    "What arrived now (a part is fine)."
    lines: [StockTransferLineInput!]!
    idempotencyKey: String
  }

  type Query {
    "One level (zeros when nothing was booked there). Needs inventory.read at the location."
    stockLevel(variantId: ID!, locationId: ID!): StockLevel!
    "Levels in the locations you may read, by variant then location."
    stockLevels(first: Int, after: String, filter: StockLevelFilter): StockLevelConnection!
    "The ledger, newest first."
    stockMovements(first: Int, after: String, filter: StockMovementFilter): StockMovementConnection!
    "Reservations, newest first."
    stockReservations(first: Int, after: String, filter: StockReservationFilter): StockReservationConnection!
    stockTransfers(first: Int, after: String, filter: StockTransferFilter): StockTransferConnection!
    stockTransfer(id: ID!): StockTransfer!
    "Levels whose onHand differs from the sum of their movements or whose reserved differs from their active reservations (empty: none)."
    inventoryDrift: [StockDrift!]!
  }

  type Mutation {
    "A signed correction (ADJUSTMENT) or a write-off (DAMAGE). Needs inventory.adjust at the location."
    adjustInventory(input: AdjustInventoryInput!): StockChange!
    "Books received goods. Needs inventory.receive at the location."
    receiveStock(input: ReceiveStockInput!): StockChange!
    "Sets on hand to a counted quantity. Needs inventory.count at the location."
    countStock(input: CountStockInput!): StockCountResult!
    setLowStockThreshold(input: SetLowStockThresholdInput!): StockLevel!
    "Records a sale without a reservation (a POS ticket; allowNegative for offline sync). Needs inventory.reserve."
    recordStockSale(input: RecordStockSaleInput!): [StockChange!]!
    "Holds units for a customer or an order being taken by staff (call center, store). Needs inventory.reserve at each location."
    reserveStock(input: ReserveStockInput!): StockReservationRequest!
    "Cancels an active reservation (ended ones are returned unchanged)."
    cancelStockReservation(id: ID!): StockReservation!
    createStockTransfer(input: CreateStockTransferInput!): StockTransfer!
    shipStockTransfer(id: ID!, idempotencyKey: String): StockTransfer!
    receiveStockTransfer(input: ReceiveStockTransferInput!): StockTransfer!
    cancelStockTransfer(id: ID!): StockTransfer!
  }
`;

/** Type definitions of the inventory module's slice of the channel API. */
export const inventoryChannelTypeDefs = /* GraphQL */ `
  "What the current platform may sell at one of its locations."
  type LocationAvailability {
    location: StockLocation!
    "max(0, on hand − reserved − the platform's safety stock there)."
    available: Int!
  }

  "What the current platform may sell of a variant, over the locations it sells from."
  type VariantAvailability {
    available: Int!
    inStock: Boolean!
    "Every location of the platform, in its order."
    locations: [LocationAvailability!]!
  }

  "A pickup location near the shopper, with the variant's availability there."
  type StoreAvailability {
    location: StockLocation!
    "Great-circle (haversine) distance in km."
    distanceKm: Float!
    available: Int!
    openNow: Boolean!
    "When a pickup order placed now could be collected."
    pickupReadyAt: DateTime
    preparationMinutes: Int!
  }

  type Query {
    "The platform's pickup locations nearest to a point (or to a chosen store), nearest first, with the variant's availability."
    storesNearby(variantId: ID!, near: GeoPointInput, locationId: ID, radiusKm: Float, first: Int = 20, inStockOnly: Boolean = false): [StoreAvailability!]!
  }
`;

/** The inventory fields on the catalog's channel types (composed when the catalog defines them). */
export const inventoryCatalogExtensionTypeDefs = /* GraphQL */ `
  extend type ProductVariant {
    "What the current platform may sell, in total and per location (after safety stock)."
    availability: VariantAvailability!
  }

  extend type Product {
    "Any variant available on the current platform."
    inStock: Boolean!
  }
`;
