import type { GraphQLClient } from '../../../testing/index.js';

const profile = `id firstName lastName locale createdPlatformId status tags defaultShippingAddressId defaultBillingAddressId createdAt updatedAt erasedAt mergedInto { id }`;

/** Admin operations of the customers module, as a front end sends them. */
export const CQ = {
  create: `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { ${profile} identities { id kind namespace value verified platformId } } }`,
  update: `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { ${profile} } }`,
  get: `query($id: ID!) { customer(id: $id) { ${profile}
    identities { id kind namespace value verified platformId verifiedAt }
    addresses { id label firstName lastName line1 city postalCode country phone }
    notes { id body authorId platformId createdAt }
    consents { current { purpose channel granted wordingVersion source platformId recordedAt } history { purpose channel granted wordingVersion source recordedAt } }
    figures { ordersCount spend { currency amount } firstPurchaseAt lastPurchaseAt preferredLocationId }
  } }`,
  timeline: `query($id: ID!, $first: Int, $after: String, $platformId: ID, $kinds: [String!]) { customer(id: $id) {
    timeline(first: $first, after: $after, platformId: $platformId, kinds: $kinds) { edges { cursor node { id kind summary platformId reference { type id } data occurredAt } } pageInfo { hasNextPage endCursor } }
  } }`,
  list: `query($filter: CustomerFilter, $first: Int, $after: String) { customers(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id firstName lastName status mergedInto { id } identities { kind value verified } addresses { id city } figures { ordersCount spend { currency amount } } } }
    pageInfo { hasNextPage endCursor }
  } }`,
  addIdentity: `mutation($customerId: ID!, $input: CustomerIdentityInput!, $platformId: ID) { addCustomerIdentity(customerId: $customerId, input: $input, platformId: $platformId) { id kind namespace value verified platformId } }`,
  removeIdentity: `mutation($id: ID!) { removeCustomerIdentity(id: $id) }`,
  addNote: `mutation($customerId: ID!, $body: String!, $platformId: ID) { addCustomerNote(customerId: $customerId, body: $body, platformId: $platformId) { id body authorId platformId createdAt } }`,
  addAddress: `mutation($customerId: ID!, $input: CustomerAddressInput!) { addCustomerAddress(customerId: $customerId, input: $input) { id customerId label line1 city country } }`,
  updateAddress: `mutation($customerId: ID!, $id: ID!, $input: CustomerAddressInput!) { updateCustomerAddress(customerId: $customerId, id: $id, input: $input) { id line1 city country } }`,
  removeAddress: `mutation($customerId: ID!, $id: ID!) { removeCustomerAddress(customerId: $customerId, id: $id) }`,
  consent: `mutation($customerId: ID!, $input: CustomerConsentInput!, $platformId: ID) { recordCustomerConsent(customerId: $customerId, input: $input, platformId: $platformId) { purpose channel granted wordingVersion source platformId recordedAt } }`,
  suggestions: `query($status: CustomerMergeSuggestionStatus, $customerId: ID, $first: Int, $after: String) { customerMergeSuggestions(status: $status, customerId: $customerId, first: $first, after: $after) {
    edges { node { id status customer { id firstName identities { kind value } } candidate { id firstName identities { kind value } } evidence { kind namespace masked verified platformId source at } resolvedBy } }
    pageInfo { hasNextPage endCursor }
  } }`,
  preview: `query($survivorId: ID!, $mergedId: ID!) { previewCustomerMerge(survivorId: $survivorId, mergedId: $mergedId) { survivor { id } merged { id } moves { label rows } blockers canMerge } }`,
  merge: `mutation($survivorId: ID!, $mergedId: ID!) { mergeCustomers(survivorId: $survivorId, mergedId: $mergedId) { mergeId survivor { id firstName identities { kind value } } moved { label rows } } }`,
  dismiss: `mutation($id: ID!) { dismissCustomerMergeSuggestion(id: $id) { id status resolvedBy } }`,
  export: `mutation($id: ID!) { exportCustomer(id: $id) }`,
  erase: `mutation($id: ID!, $reason: String!) { eraseCustomer(id: $id, reason: $reason) { id erasedAt cleared { label rows } customer { id status erasedAt firstName lastName identities { id } addresses { id } } } }`,
  audit: `query($filter: AuditFilter) { auditLog(first: 100, filter: $filter) { edges { node { action entityType entityId platformId before after } } } }`,
} as const;

/** A customer as the admin API returns it. */
export interface CustomerNode {
  id: string;
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  status: 'ACTIVE' | 'MERGED' | 'ERASED';
  tags: string[];
  mergedInto: { id: string } | null;
  identities: { id: string; kind: string; namespace: string; value: string; verified: boolean; platformId: string | null }[];
  [key: string]: unknown;
}

let counter = 0;

/** A fresh suffix for e-mails and names. */
export function fresh(prefix = 'c'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

/** Creates a customer through the admin API. */
export async function createCustomer(client: GraphQLClient, input: Record<string, unknown>): Promise<CustomerNode> {
  return (await client.data<{ createCustomer: CustomerNode }>(CQ.create, { input })).createCustomer;
}

/** The first error's code and reason of a response, for assertions. */
export async function failure(client: GraphQLClient, document: string, variables: Record<string, unknown> = {}): Promise<{ code?: string; reason?: string; fields?: { path: string; message: string }[] }> {
  const result = await client.query(document, variables);
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return { code: error.extensions?.code, reason: error.extensions?.reason, fields: error.extensions?.fields };
}
