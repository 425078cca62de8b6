import { addressFieldsSdl } from './customer.shared.schema.js';

/** Type definitions of the customers module's slice of the admin API (profiles, merges, privacy). */
export const customerAdminTypeDefs = /* GraphQL */ `
  enum CustomerStatus {
    ACTIVE
    "Merged into another customer (see mergedInto); kept so old references resolve."
    MERGED
    "Personal data erased; orders and figures stay."
    ERASED
  }

  "How a customer is recognised."
  enum CustomerIdentityKind {
    EMAIL
    PHONE
    "A social handle; namespace names the network (instagram, tiktok…)."
    SOCIAL
    "A marketplace buyer id; namespace names the marketplace (amazon-es…)."
    MARKETPLACE
    LOYALTY_CARD
    "A POS walk-in token."
    WALK_IN
  }

  enum CustomerConsentChannel {
    EMAIL
    SMS
    WHATSAPP
    PUSH
    POST
    PHONE
  }

  enum CustomerMergeSuggestionStatus {
    OPEN
    MERGED
    DISMISSED
  }

  "An e-mail, phone, handle, card… that belongs to one customer only."
  type CustomerIdentity {
    id: ID!
    customerId: ID!
    kind: CustomerIdentityKind!
    "The network or marketplace; empty for kinds without one."
    namespace: String!
    "Normalised: lowercased e-mail, E.164 phone, lowercased handle."
    value: String!
    "Verified identities link arrivals automatically; unverified ones only suggest merges."
    verified: Boolean!
    "The platform it came from."
    platformId: ID
    createdAt: DateTime!
    verifiedAt: DateTime
  }

  "An address of a customer's address book."
  type CustomerAddress {
    id: ID!
    customerId: ID!
    ${addressFieldsSdl}
  }

  "A staff note."
  type CustomerNote {
    id: ID!
    body: String!
    "The staff member who wrote it."
    authorId: ID
    platformId: ID
    createdAt: DateTime!
  }

  "A consent given or withdrawn for a purpose and channel: when, where, by whom, to which wording."
  type CustomerConsent {
    purpose: String!
    channel: CustomerConsentChannel!
    granted: Boolean!
    wordingVersion: String!
    platformId: ID
    "Who recorded it: account (the customer), staff, pos…"
    source: String!
    recordedAt: DateTime!
  }

  type CustomerConsents {
    "The current answer per purpose and channel."
    current: [CustomerConsent!]!
    "Every change, newest first."
    history: [CustomerConsent!]!
  }

  "Spend in one currency (refunds subtract), in minor units."
  type CustomerSpend {
    currency: String!
    amount: Int!
  }

  "Lifetime figures, kept up to date from purchase events of every platform."
  type CustomerFigures {
    ordersCount: Int!
    spend: [CustomerSpend!]!
    firstPurchaseAt: DateTime
    lastPurchaseAt: DateTime
    "The stock location (store) with the most purchases."
    preferredLocationId: ID
  }

  type CustomerTimelineReference {
    type: String!
    id: ID!
  }

  "One thing that happened, on any platform."
  type CustomerTimelineEntry {
    id: ID!
    platformId: ID
    "order.placed, conversation.message, consent.changed…"
    kind: String!
    summary: String!
    reference: CustomerTimelineReference
    data: JSON!
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

  "One person across every platform."
  type Customer {
    id: ID!
    firstName: String
    lastName: String
    locale: String
    "The platform the customer was first seen on."
    createdPlatformId: ID
    status: CustomerStatus!
    "The customer this record was merged into (status MERGED)."
    mergedInto: Customer
    tags: [String!]!
    defaultShippingAddressId: ID
    defaultBillingAddressId: ID
    createdAt: DateTime!
    updatedAt: DateTime!
    erasedAt: DateTime
    identities: [CustomerIdentity!]!
    addresses: [CustomerAddress!]!
    "Staff notes, newest first (the latest 200)."
    notes: [CustomerNote!]!
    consents: CustomerConsents!
    figures: CustomerFigures!
    "Everything that happened on any platform, newest first; filter by platform or entry kinds."
    timeline(first: Int, after: String, platformId: ID, kinds: [String!]): CustomerTimelineConnection!
  }

  type CustomerEdge {
    cursor: String!
    node: Customer!
  }

  type CustomerConnection {
    edges: [CustomerEdge!]!
    pageInfo: PageInfo!
  }

  input CustomerFilter {
    "Default ACTIVE."
    status: CustomerStatus
    "Customers first seen on this platform."
    platformId: ID
    tag: String
    "Start of the first or last name; case and accents ignored."
    name: String
  }

  "Why two records may be one person (the value masked)."
  type CustomerMergeEvidence {
    kind: CustomerIdentityKind!
    namespace: String!
    masked: String!
    "Was the identity that arrived verified?"
    verified: Boolean!
    platformId: ID
    "What brought it: order, signup, conversation, pos…"
    source: String!
    at: DateTime!
  }

  "Two records that look like the same person, for staff to merge or dismiss."
  type CustomerMergeSuggestion {
    id: ID!
    "The record that arrived."
    customer: Customer!
    "The existing record it matched."
    candidate: Customer!
    evidence: [CustomerMergeEvidence!]!
    status: CustomerMergeSuggestionStatus!
    createdAt: DateTime!
    resolvedAt: DateTime
    resolvedBy: ID
  }

  type CustomerMergeSuggestionEdge {
    cursor: String!
    node: CustomerMergeSuggestion!
  }

  type CustomerMergeSuggestionConnection {
    edges: [CustomerMergeSuggestionEdge!]!
    pageInfo: PageInfo!
  }

  "Rows of one kind of record (identities, orders, conversations…) and how many."
  type CustomerRecordCount {
    label: String!
    rows: Int!
  }

  "What merging would do."
  type CustomerMergePreview {
    survivor: Customer!
    merged: Customer!
    "Rows that move to the survivor, per kind of record."
    moves: [CustomerRecordCount!]!
    "Why the merge cannot be applied (empty: it can)."
    blockers: [String!]!
    canMerge: Boolean!
  }

  type CustomerMergeResult {
    mergeId: ID!
    survivor: Customer!
    moved: [CustomerRecordCount!]!
  }

  "The record of an erasure."
  type CustomerErasure {
    id: ID!
    customer: Customer!
    erasedAt: DateTime!
    "Rows deleted or anonymised per kind of record."
    cleared: [CustomerRecordCount!]!
  }

  input CustomerIdentityInput {
    kind: CustomerIdentityKind!
    value: String!
    "The network or marketplace (SOCIAL, MARKETPLACE)."
    namespace: String
    "Did staff check it (e.g. a code sent to the phone)? Default false."
    verified: Boolean
  }

  input CreateCustomerInput {
    firstName: String
    lastName: String
    locale: String
    "Where the customer was met."
    platformId: ID
    tags: [String!]
    identities: [CustomerIdentityInput!]
  }

  "Fields left out keep their value."
  input UpdateCustomerInput {
    id: ID!
    firstName: String
    lastName: String
    locale: String
    tags: [String!]
    defaultShippingAddressId: ID
    defaultBillingAddressId: ID
  }

  input CustomerAddressInput {
    ${addressFieldsSdl}
  }

  input CustomerConsentInput {
    "A purpose code like marketing."
    purpose: String!
    channel: CustomerConsentChannel!
    granted: Boolean!
    "The version of the wording the customer was shown."
    wordingVersion: String!
  }

  type Query {
    "Customers, newest first. Needs customers.read."
    customers(filter: CustomerFilter, first: Int, after: String): CustomerConnection!
    "One customer (also merged and erased records). Needs customers.read."
    customer(id: ID!): Customer!
    "Merge suggestions, newest first (open by default), optionally of one customer. Needs customers.merge."
    customerMergeSuggestions(status: CustomerMergeSuggestionStatus, customerId: ID, first: Int, after: String): CustomerMergeSuggestionConnection!
    "What merging mergedId into survivorId would move, and what stops it. Needs customers.merge."
    previewCustomerMerge(survivorId: ID!, mergedId: ID!): CustomerMergePreview!
  }

  type Mutation {
    "Creates a customer by hand; an identity another customer has is refused (CONFLICT IDENTITY_TAKEN). Needs customers.write."
    createCustomer(input: CreateCustomerInput!): Customer!
    "Edits a profile. Needs customers.write."
    updateCustomer(input: UpdateCustomerInput!): Customer!
    "Links an identity (CONFLICT IDENTITY_TAKEN when another customer has it). Needs customers.write."
    addCustomerIdentity(customerId: ID!, input: CustomerIdentityInput!, platformId: ID): CustomerIdentity!
    "Unlinks an identity; false when there was none. Needs customers.write."
    removeCustomerIdentity(id: ID!): Boolean!
    "Adds a staff note. Needs customers.write."
    addCustomerNote(customerId: ID!, body: String!, platformId: ID): CustomerNote!
    "Adds an address to the address book. Needs customers.write."
    addCustomerAddress(customerId: ID!, input: CustomerAddressInput!): CustomerAddress!
    "Replaces an address. Needs customers.write."
    updateCustomerAddress(customerId: ID!, id: ID!, input: CustomerAddressInput!): CustomerAddress!
    "Removes an address (and clears it as a default); false when there was none. Needs customers.write."
    removeCustomerAddress(customerId: ID!, id: ID!): Boolean!
    "Records a consent the customer gave or withdrew to staff (source staff). Needs customers.write (on the platform, when given)."
    recordCustomerConsent(customerId: ID!, input: CustomerConsentInput!, platformId: ID): CustomerConsent!
    "Merges mergedId into survivorId in one transaction: every record moves. Needs customers.merge."
    mergeCustomers(survivorId: ID!, mergedId: ID!): CustomerMergeResult!
    "Staff decided the two records are different people. Needs customers.merge."
    dismissCustomerMergeSuggestion(id: ID!): CustomerMergeSuggestion!
    "Everything known about a customer as one JSON document (GDPR access). Audited. Needs customers.privacy."
    exportCustomer(id: ID!): JSON!
    "Erases a customer's personal data; orders and ledger rows stay. Needs customers.privacy."
    eraseCustomer(id: ID!, reason: String!): CustomerErasure!
  }
`;
