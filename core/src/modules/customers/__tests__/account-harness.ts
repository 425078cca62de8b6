import { fromJson } from '../../../db/json-column.js';
import type { GraphQLClient, TestEnvironment } from '../../../testing/index.js';

/** Channel API operations of customer accounts, as a storefront sends them. */
export const A = {
  register: `mutation($input: RegisterCustomerInput!) { registerCustomer(input: $input) { token expiresAt me { id firstName lastName locale email emailVerified } } }`,
  verify: `mutation($token: String!) { verifyCustomerEmail(token: $token) }`,
  resend: `mutation { resendCustomerEmailVerification }`,
  login: `mutation($email: String!, $password: String!) { customerLogin(email: $email, password: $password) { token expiresAt me { id email emailVerified } } }`,
  logout: `mutation { customerLogout }`,
  requestReset: `mutation($email: String!) { requestCustomerPasswordReset(email: $email) }`,
  reset: `mutation($token: String!, $newPassword: String!) { resetCustomerPassword(token: $token, newPassword: $newPassword) }`,
  changePassword: `mutation($currentPassword: String!, $newPassword: String!) { changeCustomerPassword(currentPassword: $currentPassword, newPassword: $newPassword) }`,
  me: `query($first: Int, $after: String) { me {
    id firstName lastName locale email emailVerified defaultShippingAddressId defaultBillingAddressId
    addresses { id label line1 city country postalCode }
    consents { purpose channel granted wordingVersion platformId }
    identities { kind namespace masked verified }
    timeline(first: $first, after: $after) { edges { node { id kind summary platformId occurredAt } } pageInfo { hasNextPage endCursor } }
  } }`,
  updateProfile: `mutation($input: MyProfileInput!) { updateMyProfile(input: $input) { id firstName lastName locale } }`,
  addAddress: `mutation($input: CustomerAddressInput!) { addMyAddress(input: $input) { id label line1 city country } }`,
  updateAddress: `mutation($id: ID!, $input: CustomerAddressInput!) { updateMyAddress(id: $id, input: $input) { id label line1 city country } }`,
  removeAddress: `mutation($id: ID!) { removeMyAddress(id: $id) }`,
  setDefault: `mutation($id: ID!, $use: DefaultAddressUse) { setMyDefaultAddress(id: $id, use: $use) { defaultShippingAddressId defaultBillingAddressId } }`,
  setConsent: `mutation($input: ConsentChoiceInput!) { setMyConsent(input: $input) { purpose channel granted wordingVersion platformId } }`,
} as const;

/** `me` as the harness query reads it. */
export interface MeNode {
  id: string;
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  email: string | null;
  emailVerified: boolean;
  defaultShippingAddressId: string | null;
  defaultBillingAddressId: string | null;
  addresses: { id: string; label: string | null; line1: string; city: string; country: string; postalCode: string | null }[];
  consents: { purpose: string; channel: string; granted: boolean; wordingVersion: string; platformId: string | null }[];
  identities: { kind: string; namespace: string; masked: string; verified: boolean }[];
  timeline: { edges: { node: { id: string; kind: string; summary: string; platformId: string | null; occurredAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** A password that satisfies the policy. */
export const PASSWORD = 'correct horse battery';

let counter = 0;

/** A fresh e-mail address. */
export function freshEmail(prefix = 'shopper'): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@example.test`;
}

/** The channel client signed in with a customer token. */
export function asCustomer(channel: GraphQLClient, token: string): GraphQLClient {
  return channel.withHeaders({ authorization: `Bearer ${token}` });
}

/** Registers through the channel API; returns the session token and the customer id. */
export async function register(channel: GraphQLClient, email: string, extra: Record<string, unknown> = {}): Promise<{ token: string; customerId: string; client: GraphQLClient }> {
  const { registerCustomer } = await channel.data<{ registerCustomer: { token: string; me: { id: string } } }>(A.register, { input: { email, password: PASSWORD, firstName: 'Sam', lastName: 'Shopper', ...extra } });
  return { token: registerCustomer.token, customerId: registerCustomer.me.id, client: asCustomer(channel, registerCustomer.token) };
}

/** Signs in through the channel API. */
export async function login(channel: GraphQLClient, email: string, password = PASSWORD): Promise<{ token: string; customerId: string; client: GraphQLClient }> {
  const { customerLogin } = await channel.data<{ customerLogin: { token: string; me: { id: string } } }>(A.login, { email, password });
  return { token: customerLogin.token, customerId: customerLogin.me.id, client: asCustomer(channel, customerLogin.token) };
}

/** The signed-in customer. */
export async function readMe(client: GraphQLClient, first = 50): Promise<MeNode> {
  return (await client.data<{ me: MeNode }>(A.me, { first })).me;
}

/** The payloads of outbox events named `name` (oldest first), e.g. to read the token a mail plugin would send. */
export async function outboxPayloads<T = Record<string, unknown>>(env: TestEnvironment, name: string): Promise<T[]> {
  const rows = (await env.plaza.db('plaza_outbox').where('name', name).orderBy('id').select('payload')) as { payload: unknown }[];
  return rows.map((r) => fromJson<T>(r.payload));
}

/** The token of the latest delivery event (`customer.email_verification_requested` / `customer.password_reset_requested`) sent to `email`. */
export async function mailedToken(env: TestEnvironment, name: string, email: string): Promise<string | undefined> {
  const payloads = await outboxPayloads<{ email: string; token: string }>(env, name);
  return payloads.filter((p) => p.email === email.toLowerCase()).at(-1)?.token;
}

/** The first error's code, reason and field errors of an operation. */
export async function errorOf(client: GraphQLClient, query: string, variables: Record<string, unknown> = {}): Promise<{ code?: string; reason?: string; message?: string; fields: { path: string; message: string }[] }> {
  const result = await client.query(query, variables);
  const error = result.errors?.[0];
  return { code: error?.extensions?.code, reason: error?.extensions?.reason, message: error?.message, fields: error?.extensions?.fields ?? [] };
}
