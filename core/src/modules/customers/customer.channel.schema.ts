import { addressFieldsSdl } from './customer.shared.schema.js';

/** Type definitions of the customers module's slice of the channel API: accounts and `me`. */
export const customerChannelTypeDefs = /* GraphQL */ `
  """
  The signed-in customer: one record across every platform of the brand. Other modules extend
  this type with what belongs to the customer (e.g. the orders module adds orders from every
  platform) through \`extend type Me\`.
  """
  type Me {
    id: ID!
    firstName: String
    lastName: String
    "BCP 47 locale, e.g. es-ES."
    locale: String
    "The account's sign-in e-mail."
    email: String
    "Has the customer confirmed the e-mail (with the verification e-mail's token)?"
    emailVerified: Boolean!
    addresses: [CustomerAddress!]!
    defaultShippingAddressId: ID
    defaultBillingAddressId: ID
    "Current answer per purpose and channel."
    consents: [CustomerConsent!]!
    "How the brand recognises the customer (e-mail, phone, loyalty card…), values masked."
    identities: [CustomerIdentity!]!
    "Everything that happened, on every platform, newest first."
    timeline(first: Int, after: String): CustomerTimelineConnection!
    createdAt: DateTime!
  }

  "An address of the customer's address book."
  type CustomerAddress {
    id: ID!
    ${addressFieldsSdl}
  }

  "A consent given or withdrawn for a purpose (e.g. marketing) and channel (email, sms, whatsapp…)."
  type CustomerConsent {
    purpose: String!
    channel: String!
    granted: Boolean!
    "The version of the wording the customer agreed to."
    wordingVersion: String!
    platformId: ID
    recordedAt: DateTime!
  }

  "One of the customer's identities, its value mostly hidden."
  type CustomerIdentity {
    "email, phone, social, marketplace, loyalty_card or walk_in."
    kind: String!
    "The network or marketplace (empty for other kinds)."
    namespace: String!
    "The value, mostly hidden (j***@example.com)."
    masked: String!
    verified: Boolean!
  }

  type CustomerTimelineReference {
    type: String!
    id: ID!
  }

  "One thing that happened to the customer, on any platform."
  type CustomerTimelineEntry {
    id: ID!
    "Short type, e.g. order.placed, account.registered."
    kind: String!
    summary: String!
    platformId: ID
    reference: CustomerTimelineReference
    occurredAt: DateTime!
  }

  type CustomerTimelineEdge {
    cursor: String!
    node: CustomerTimelineEntry!
  }

  type CustomerTimelineConnection {
    edges: [CustomerTimelineEdge!]!
    pageInfo: PageInfo!
  }

  "A successful registration or sign-in: send the token as Authorization: Bearer <token>."
  type CustomerSession {
    token: String!
    expiresAt: DateTime!
    me: Me!
  }

  "What confirming the e-mail did: linked it, or attached the history of the customer already known by it."
  enum EmailVerificationResult {
    "The address is now an identity of the customer."
    ADDED
    "The customer was already known by it."
    ALREADY_LINKED
    "Another record known by this address (e.g. guest orders) is now part of the customer."
    MERGED
    "Another account is known by this address; the brand's staff will review the two."
    SUGGESTED
  }

  enum DefaultAddressUse {
    SHIPPING
    BILLING
    BOTH
  }

  input ConsentChoiceInput {
    "A purpose code, e.g. marketing."
    purpose: String!
    "email, sms, whatsapp, push, post or phone."
    channel: String!
    granted: Boolean!
    wordingVersion: String!
  }

  input RegisterCustomerInput {
    email: String!
    "At least 10 characters."
    password: String!
    firstName: String
    lastName: String
    "Defaults to the platform's locale."
    locale: String
    consents: [ConsentChoiceInput!]
  }

  input MyProfileInput {
    firstName: String
    lastName: String
    locale: String
  }

  input CustomerAddressInput {
    ${addressFieldsSdl}
  }

  type Query {
    "The signed-in customer (UNAUTHENTICATED without a customer token)."
    me: Me!
  }

  type Mutation {
    "Creates an account (and a new customer) on this platform and signs in. The e-mail must then be confirmed."
    registerCustomer(input: RegisterCustomerInput!): CustomerSession!
    "Confirms the signed-in customer's e-mail with the token of the verification e-mail."
    verifyCustomerEmail(token: String!): EmailVerificationResult!
    "Sends the signed-in customer a new verification e-mail."
    resendCustomerEmailVerification: Boolean!
    "Signs in; the same error for an unknown e-mail and a wrong password."
    customerLogin(email: String!, password: String!): CustomerSession!
    "Ends the current session."
    customerLogout: Boolean!
    "Sends a password-reset e-mail if an account has this address; always answers true."
    requestCustomerPasswordReset(email: String!): Boolean!
    "Sets a new password with the reset e-mail's token; every session ends."
    resetCustomerPassword(token: String!, newPassword: String!): Boolean!
    "Changes the signed-in customer's password; their other sessions end."
    changeCustomerPassword(currentPassword: String!, newPassword: String!): Boolean!
    updateMyProfile(input: MyProfileInput!): Me!
    addMyAddress(input: CustomerAddressInput!): CustomerAddress!
    updateMyAddress(id: ID!, input: CustomerAddressInput!): CustomerAddress!
    removeMyAddress(id: ID!): Boolean!
    "Makes an address the default for shipping, billing or both (default)."
    setMyDefaultAddress(id: ID!, use: DefaultAddressUse): Me!
    setMyConsent(input: ConsentChoiceInput!): CustomerConsent!
  }
`;
