/** GraphQL documents and fixtures shared by the locations module's tests. */

/** Every field of an admin StockLocation. */
export const LOCATION_FIELDS = /* GraphQL */ `
  id code name type status timeZone latitude longitude pickupEnabled shipFromEnabled preparationMinutes
  address { line1 line2 city region postalCode country }
  openingHours { weekly { day intervals { opens closes } } exceptions { date closed note intervals { opens closes } } }
  openNow closesAt nextOpensAt pickupReadyAt createdAt updatedAt
`;

export const CREATE_LOCATION = /* GraphQL */ `
  mutation CreateLocation($input: CreateStockLocationInput!) { createStockLocation(input: $input) { ${LOCATION_FIELDS} } }
`;

export const UPDATE_LOCATION = /* GraphQL */ `
  mutation UpdateLocation($input: UpdateStockLocationInput!) { updateStockLocation(input: $input) { ${LOCATION_FIELDS} } }
`;

export const DEACTIVATE_LOCATION = /* GraphQL */ `
  mutation Deactivate($id: ID!) { deactivateStockLocation(id: $id) { id status } }
`;

export const LOCATION = /* GraphQL */ `query Location($id: ID!) { stockLocation(id: $id) { ${LOCATION_FIELDS} } }`;

export const LOCATIONS = /* GraphQL */ `
  query Locations($first: Int, $after: String, $filter: StockLocationFilter) {
    stockLocations(first: $first, after: $after, filter: $filter) { edges { cursor node { id code name type status pickupEnabled } } pageInfo { hasNextPage endCursor } }
  }
`;

export const SET_PLATFORM_LOCATIONS = /* GraphQL */ `
  mutation SetPlatformLocations($platformId: ID!, $locations: [PlatformLocationInput!]!) {
    setPlatformLocations(platformId: $platformId, locations: $locations) { platformId position safetyStock location { id code } }
  }
`;

export const PLATFORM_WITH_LOCATIONS = /* GraphQL */ `
  query PlatformLocations($id: ID!) { platform(id: $id) { id code locations { position safetyStock location { id code } } } }
`;

export const CREATE_PLATFORM = /* GraphQL */ `
  mutation CreatePlatform($input: CreatePlatformInput!) { createPlatform(input: $input) { id code } }
`;

export const CREATE_KEY = /* GraphQL */ `
  mutation CreateKey($platformId: ID!) { createPlatformKey(platformId: $platformId, label: "test") { secret } }
`;

export const CHANNEL_LOCATIONS = /* GraphQL */ `
  query ChannelLocations($pickupOnly: Boolean) {
    stockLocations(pickupOnly: $pickupOnly) { id code name type latitude longitude timeZone pickupEnabled preparationMinutes openNow closesAt nextOpensAt pickupReadyAt address { city country } openingHours { weekly { day } } }
  }
`;

export const NEARBY = /* GraphQL */ `
  query Nearby($near: GeoPointInput, $locationId: ID, $radiusKm: Float, $first: Int, $pickupOnly: Boolean) {
    nearbyLocations(near: $near, locationId: $locationId, radiusKm: $radiusKm, first: $first, pickupOnly: $pickupOnly) { distanceKm location { id code pickupReadyAt openNow } }
  }
`;

const days = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** Mon–Sat 10:00–21:00, Sunday 11:00–20:00, Christmas closed. */
export const STORE_HOURS = {
  weekly: [...days.map((day) => ({ day, intervals: [{ opens: '10:00', closes: '21:00' }] })), { day: 'SUNDAY', intervals: [{ opens: '11:00', closes: '20:00' }] }],
  exceptions: [{ date: '2026-12-25', note: 'Navidad' }],
};

/** A store input in Madrid (override what a test needs). */
export function storeInput(code: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code,
    name: `Store ${code}`,
    type: 'STORE',
    timeZone: 'Europe/Madrid',
    address: { line1: 'Gran Vía 32', city: 'Madrid', postalCode: '28013', country: 'es' },
    latitude: 40.4202,
    longitude: -3.7046,
    openingHours: STORE_HOURS,
    pickupEnabled: true,
    preparationMinutes: 30,
    ...overrides,
  };
}
