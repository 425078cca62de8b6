/** Types both APIs share: a location as shoppers and staff see it. */
const shared = /* GraphQL */ `
  enum StockLocationType {
    WAREHOUSE
    STORE
    DARK_STORE
    DROPSHIP
  }

  enum Weekday {
    MONDAY
    TUESDAY
    WEDNESDAY
    THURSDAY
    FRIDAY
    SATURDAY
    SUNDAY
  }

  "A postal address."
  type LocationAddress {
    line1: String!
    line2: String
    city: String!
    region: String
    postalCode: String
    "ISO 3166-1 alpha-2, e.g. ES."
    country: String!
  }

  "Local wall-clock times HH:MM in the location's time zone; closes at or before opens runs past midnight."
  type TimeInterval {
    opens: String!
    closes: String!
  }

  "The intervals a location opens on one weekday (none: closed)."
  type WeekdayHours {
    day: Weekday!
    intervals: [TimeInterval!]!
  }

  "A date whose hours replace the weekly ones (a holiday, special hours)."
  type OpeningHoursException {
    "Local date YYYY-MM-DD."
    date: String!
    "True when there are no intervals that day."
    closed: Boolean!
    intervals: [TimeInterval!]!
    note: String
  }

  "Weekly opening hours and dated exceptions, in the location's time zone."
  type OpeningHours {
    weekly: [WeekdayHours!]!
    exceptions: [OpeningHoursException!]!
  }

  "A warehouse, store, dark store or dropship supplier that holds stock."
  type StockLocation {
    id: ID!
    "Unique lowercase slug, e.g. madrid-gran-via."
    code: String!
    name: String!
    type: StockLocationType!
    address: LocationAddress
    latitude: Float
    longitude: Float
    "IANA time zone of the opening hours, e.g. Europe/Madrid."
    timeZone: String!
    "Null: no hours known (treated as always open)."
    openingHours: OpeningHours
    pickupEnabled: Boolean!
    shipFromEnabled: Boolean!
    "Minutes to prepare a pickup order."
    preparationMinutes: Int!
    "Open at this moment (in its time zone)?"
    openNow: Boolean!
    "When the current opening ends; null when closed or open around the clock."
    closesAt: DateTime
    "The next opening after now (after closesAt when open)."
    nextOpensAt: DateTime
    "When a pickup order placed now could be collected; null when pickup is off or it does not open again soon."
    pickupReadyAt: DateTime
  }
`;

/** Type definitions of the locations module's slice of the admin API. */
export const locationAdminTypeDefs = /* GraphQL */ `
  ${shared}

  enum StockLocationStatus {
    ACTIVE
    INACTIVE
  }

  extend type StockLocation {
    "Inactive locations are not sold from nor shown to shoppers."
    status: StockLocationStatus!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type StockLocationEdge {
    cursor: String!
    node: StockLocation!
  }

  "Stock locations ordered by code."
  type StockLocationConnection {
    edges: [StockLocationEdge!]!
    pageInfo: PageInfo!
  }

  input StockLocationFilter {
    type: StockLocationType
    status: StockLocationStatus
    pickupEnabled: Boolean
    "Part of the name or code (case-insensitive)."
    query: String
  }

  "One location a platform sells from, in the platform's order."
  type PlatformLocation {
    platformId: ID!
    "0-based order in the platform's list."
    position: Int!
    "Units held back from this platform at this location: it may sell on hand − reserved − safety stock."
    safetyStock: Int!
    location: StockLocation!
  }

  input LocationAddressInput {
    line1: String!
    line2: String
    city: String!
    region: String
    postalCode: String
    "ISO 3166-1 alpha-2, e.g. ES."
    country: String!
  }

  input TimeIntervalInput {
    "HH:MM, 00:00–23:59."
    opens: String!
    "HH:MM, 00:00–24:00; at or before opens runs past midnight."
    closes: String!
  }

  input WeekdayHoursInput {
    day: Weekday!
    intervals: [TimeIntervalInput!]!
  }

  input OpeningHoursExceptionInput {
    "Local date YYYY-MM-DD."
    date: String!
    "Leave empty (or out) for a closed day."
    intervals: [TimeIntervalInput!]
    note: String
  }

  "Replaces all the hours: a weekday left out is closed."
  input OpeningHoursInput {
    weekly: [WeekdayHoursInput!]!
    exceptions: [OpeningHoursExceptionInput!]
  }

  input CreateStockLocationInput {
    code: String!
    name: String!
    type: StockLocationType!
    "Default ACTIVE."
    status: StockLocationStatus
    address: LocationAddressInput
    "Give both latitude and longitude, or neither."
    latitude: Float
    longitude: Float
    "IANA time zone, e.g. Europe/Madrid."
    timeZone: String!
    openingHours: OpeningHoursInput
    "Default false."
    pickupEnabled: Boolean
    "Default true."
    shipFromEnabled: Boolean
    "Default 0."
    preparationMinutes: Int
  }

  "Fields left out keep their value; null clears address, openingHours and the coordinates."
  input UpdateStockLocationInput {
    id: ID!
    code: String
    name: String
    type: StockLocationType
    status: StockLocationStatus
    address: LocationAddressInput
    latitude: Float
    longitude: Float
    timeZone: String
    openingHours: OpeningHoursInput
    pickupEnabled: Boolean
    shipFromEnabled: Boolean
    preparationMinutes: Int
  }

  input PlatformLocationInput {
    locationId: ID!
    "Default 0."
    safetyStock: Int
  }

  extend type Platform {
    "The stock locations this platform sells from, in order, with safety stock. Needs locations.read on the platform."
    locations: [PlatformLocation!]!
  }

  type Query {
    "Stock locations the viewer may read, by code. Needs locations.read."
    stockLocations(first: Int, after: String, filter: StockLocationFilter): StockLocationConnection!
    "One stock location. Needs locations.read on it."
    stockLocation(id: ID!): StockLocation!
    "A platform's stock locations in order. Needs locations.read on the platform."
    platformLocations(platformId: ID!): [PlatformLocation!]!
  }

  type Mutation {
    "Creates a stock location. Needs locations.manage for all locations."
    createStockLocation(input: CreateStockLocationInput!): StockLocation!
    "Edits a stock location. Needs locations.manage on it."
    updateStockLocation(input: UpdateStockLocationInput!): StockLocation!
    "Deactivates a stock location: no longer sold from nor shown. Needs locations.manage on it."
    deactivateStockLocation(id: ID!): StockLocation!
    "Replaces the platform's ordered stock locations and safety stock. Needs locations.manage on the platform and those locations."
    setPlatformLocations(platformId: ID!, locations: [PlatformLocationInput!]!): [PlatformLocation!]!
  }
`;

/** Type definitions of the locations module's slice of the channel API. */
export const locationChannelTypeDefs = /* GraphQL */ `
  ${shared}

  "A point in decimal degrees (WGS 84)."
  input GeoPointInput {
    latitude: Float!
    longitude: Float!
  }

  "A location near the searched point."
  type NearbyStockLocation {
    "Great-circle (haversine) distance in km."
    distanceKm: Float!
    location: StockLocation!
  }

  type Query {
    "The current platform's active stock locations, in the platform's order. Needs a publishable key."
    stockLocations(pickupOnly: Boolean): [StockLocation!]!
    "The current platform's active locations with coordinates nearest to a point (or to one location), nearest first."
    nearbyLocations(near: GeoPointInput, locationId: ID, radiusKm: Float, first: Int, pickupOnly: Boolean): [NearbyStockLocation!]!
  }
`;
