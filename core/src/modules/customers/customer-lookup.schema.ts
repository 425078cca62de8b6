/**
 * Type definitions of staff lookup, customer groups and segments in the admin API. They use the
 * `Customer`, `CustomerIdentity`, `CustomerFigures`, `CustomerTimelineEntry` and
 * `CustomerConnection` types of customer.admin.schema.ts (composed in customer.admin.compose.ts).
 */
export const customerLookupTypeDefs = /* GraphQL */ `
  "One customer a lookup found, with what staff need at the counter or on the phone."
  type CustomerLookupHit {
    customer: Customer!
    identities: [CustomerIdentity!]!
    figures: CustomerFigures!
    "The five most recent timeline entries, newest first."
    recentTimeline: [CustomerTimelineEntry!]!
  }

  "What a staff lookup found."
  type CustomerLookupResult {
    "How the query was read: email, phone, loyalty_card, name, or a plugin's lookup source (e.g. orders); null when nothing matched."
    matchedBy: String
    hits: [CustomerLookupHit!]!
  }

  "A group staff put customers in by hand (e.g. vip); prices for the group's id apply to its members."
  type CustomerGroup {
    id: ID!
    code: String!
    name: String!
    createdAt: DateTime!
  }

  type CustomerGroupEdge {
    cursor: String!
    node: CustomerGroup!
  }

  type CustomerGroupConnection {
    edges: [CustomerGroupEdge!]!
    pageInfo: PageInfo!
  }

  """
  A rule-based group of customers, evaluated on demand. Rules (JSON), combined with all / any:
  { boughtOnPlatformTypes: { all: ["web", "pos"] } }, { spentOver: { currency: "EUR", amount: 50000, withinMonths: 12 } },
  { inactiveFor: { months: 6 } }, { inGroup: { groupId } }, { hasTag: { tag } }, { all: [...] }, { any: [...] }.
  Prices for the segment's id apply to the customers it matches.
  """
  type CustomerSegment {
    id: ID!
    code: String!
    name: String!
    rules: JSON!
    createdAt: DateTime!
    updatedAt: DateTime!
    "The active customers the rules match now, newest first."
    members(first: Int, after: String): CustomerConnection!
  }

  type CustomerSegmentEdge {
    cursor: String!
    node: CustomerSegment!
  }

  type CustomerSegmentConnection {
    edges: [CustomerSegmentEdge!]!
    pageInfo: PageInfo!
  }

  input CreateCustomerGroupInput {
    "Lowercase letters, digits, - and _; unique."
    code: String!
    name: String!
  }

  input UpdateCustomerGroupInput {
    id: ID!
    name: String
  }

  input CreateCustomerSegmentInput {
    code: String!
    name: String!
    rules: JSON!
  }

  input UpdateCustomerSegmentInput {
    id: ID!
    name: String
    rules: JSON
  }

  extend type Customer {
    "The segments the customer is in now."
    segments: [CustomerSegment!]!
    "The groups staff put the customer in."
    groups: [CustomerGroup!]!
  }

  type Query {
    "Staff lookup by e-mail, phone (national or international), loyalty card, order number or the start of a name."
    customerLookup(query: String!, first: Int = 10): CustomerLookupResult!
    customerGroups(first: Int, after: String): CustomerGroupConnection!
    customerGroup(id: ID!): CustomerGroup!
    customerSegments(first: Int, after: String): CustomerSegmentConnection!
    customerSegment(id: ID!): CustomerSegment!
  }

  type Mutation {
    createCustomerGroup(input: CreateCustomerGroupInput!): CustomerGroup!
    updateCustomerGroup(input: UpdateCustomerGroupInput!): CustomerGroup!
    "Deletes a group and its memberships; refused (CUSTOMER_GROUP_IN_USE) while a segment names it."
    deleteCustomerGroup(id: ID!): Boolean!
    addCustomerToGroup(groupId: ID!, customerId: ID!): CustomerGroup!
    removeCustomerFromGroup(groupId: ID!, customerId: ID!): Boolean!
    createCustomerSegment(input: CreateCustomerSegmentInput!): CustomerSegment!
    updateCustomerSegment(input: UpdateCustomerSegmentInput!): CustomerSegment!
    deleteCustomerSegment(id: ID!): Boolean!
  }
`;
