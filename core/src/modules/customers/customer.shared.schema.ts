/**
 * The address fields both the admin and the channel API show and accept (one definition, so
 * the two address books never drift apart).
 */
export const addressFieldsSdl = `
    label: String
    firstName: String
    lastName: String
    company: String
    line1: String!
    line2: String
    city: String!
    region: String
    postalCode: String
    "ISO 3166-1 alpha-2."
    country: String!
    phone: String`;
