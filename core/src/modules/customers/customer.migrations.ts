import type { Knex } from 'knex';
import type { Migration } from '../../kernel/plugin.js';

/** Table names of the customers module. */
export const CustomerTables = {
  customer: 'customer',
  identity: 'customer_identity',
  address: 'customer_address',
  note: 'customer_note',
  consent: 'customer_consent',
  group: 'customer_group',
  groupMember: 'customer_group_member',
  stats: 'customer_stats',
  spend: 'customer_spend',
  purchase: 'customer_purchase',
  timeline: 'customer_timeline',
  suggestion: 'customer_merge_suggestion',
  merge: 'customer_merge',
  erasure: 'customer_erasure',
  account: 'customer_account',
  session: 'customer_session',
  token: 'customer_token',
  segment: 'customer_segment',
} as const;

const T = CustomerTables;
const id = (t: Knex.CreateTableBuilder, name = 'id') => t.string(name, 40);

// Timestamps are epoch milliseconds in bigints. Personal data lives only in the columns the
// module's `customerData` declaration names, so erasure and export can find all of it.

async function createProfiles(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.customer, (t) => {
    id(t).primary();
    t.string('first_name', 100).nullable();
    t.string('last_name', 100).nullable();
    // Lowercased, accent-free names for prefix lookup (range scans on an index).
    t.string('search_first', 100).nullable();
    t.string('search_last', 100).nullable();
    t.string('locale', 35).nullable();
    t.string('created_platform_id', 40).nullable();
    t.string('status', 16).notNullable();
    id(t, 'merged_into_id').nullable();
    t.jsonb('tags').notNullable();
    id(t, 'default_shipping_address_id').nullable();
    id(t, 'default_billing_address_id').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.bigInteger('erased_at').nullable();
    t.index(['search_last', 'id'], 'customer_search_last_idx');
    t.index(['search_first', 'id'], 'customer_search_first_idx');
    t.index(['status', 'id'], 'customer_status_idx');
    t.index(['created_platform_id', 'id'], 'customer_platform_idx');
  });
  await knex.schema.createTable(T.identity, (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    t.string('kind', 20).notNullable();
    // The network (instagram, tiktok) or marketplace (amazon-es); '' for kinds without one.
    t.string('namespace', 40).notNullable();
    // Normalised: lowercased email, E.164 phone, lowercased handle, card number without spaces.
    t.string('value', 320).notNullable();
    t.boolean('verified').notNullable();
    t.string('platform_id', 40).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('verified_at').nullable();
    t.unique(['kind', 'namespace', 'value'], { indexName: 'customer_identity_value_uq' });
    t.index(['customer_id'], 'customer_identity_customer_idx');
  });
  await knex.schema.createTable(T.address, (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    t.string('label', 60).nullable();
    t.string('first_name', 100).nullable();
    t.string('last_name', 100).nullable();
    t.string('company', 200).nullable();
    t.string('line1', 200).notNullable();
    t.string('line2', 200).nullable();
    t.string('city', 100).notNullable();
    t.string('region', 100).nullable();
    t.string('postal_code', 20).nullable();
    t.string('country', 2).notNullable();
    t.string('phone', 32).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['customer_id'], 'customer_address_customer_idx');
  });
  await knex.schema.createTable(T.note, (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    t.string('body', 4000).notNullable();
    t.string('author_id', 64).nullable();
    t.string('platform_id', 40).nullable();
    t.bigInteger('created_at').notNullable();
    t.index(['customer_id', 'id'], 'customer_note_customer_idx');
  });
  await knex.schema.createTable(T.consent, (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    t.string('purpose', 40).notNullable();
    t.string('channel', 20).notNullable();
    t.boolean('granted').notNullable();
    t.string('wording_version', 40).notNullable();
    t.string('platform_id', 40).nullable();
    t.string('source', 20).notNullable();
    t.bigInteger('recorded_at').notNullable();
    t.index(['customer_id', 'purpose', 'channel', 'id'], 'customer_consent_customer_idx');
  });
  await knex.schema.createTable(T.group, (t) => {
    id(t).primary();
    t.string('code', 60).notNullable();
    t.string('name', 200).notNullable();
    t.bigInteger('created_at').notNullable();
    t.unique(['code'], { indexName: 'customer_group_code_uq' });
  });
  await knex.schema.createTable(T.groupMember, (t) => {
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    id(t, 'group_id').notNullable().references('id').inTable(T.group);
    t.primary(['customer_id', 'group_id']);
    t.index(['group_id', 'customer_id'], 'customer_group_member_group_idx');
  });
}

async function createFigures(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.stats, (t) => {
    id(t, 'customer_id').primary().references('id').inTable(T.customer);
    t.integer('orders_count').notNullable();
    t.bigInteger('first_purchase_at').nullable();
    t.bigInteger('last_purchase_at').nullable();
    t.string('preferred_location_id', 40).nullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['last_purchase_at'], 'customer_stats_last_purchase_idx');
  });
  await knex.schema.createTable(T.spend, (t) => {
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    t.string('currency', 3).notNullable();
    t.bigInteger('amount').notNullable();
    t.primary(['customer_id', 'currency']);
  });
  await knex.schema.createTable(T.purchase, (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    t.string('platform_id', 40).nullable();
    t.string('platform_type', 40).nullable();
    t.string('currency', 3).notNullable();
    t.bigInteger('amount').notNullable();
    t.string('location_id', 40).nullable();
    t.string('event_id', 40).notNullable();
    t.string('reference_type', 40).nullable();
    t.string('reference_id', 64).nullable();
    t.bigInteger('occurred_at').notNullable();
    t.unique(['event_id'], { indexName: 'customer_purchase_event_uq' });
    t.index(['customer_id', 'occurred_at'], 'customer_purchase_customer_idx');
  });
  await knex.schema.createTable(T.timeline, (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    t.string('platform_id', 40).nullable();
    t.string('kind', 60).notNullable();
    t.string('summary', 500).notNullable();
    t.string('reference_type', 40).nullable();
    t.string('reference_id', 64).nullable();
    t.jsonb('data').notNullable();
    // The event recorded (each once); null for entries written directly.
    t.string('event_id', 40).nullable();
    t.bigInteger('occurred_at').notNullable();
    t.unique(['event_id'], { indexName: 'customer_timeline_event_uq' });
    t.index(['customer_id', 'occurred_at', 'id'], 'customer_timeline_customer_idx');
  });
}

async function createMerges(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.suggestion, (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    id(t, 'candidate_id').notNullable().references('id').inTable(T.customer);
    t.jsonb('evidence').notNullable();
    t.string('status', 16).notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('resolved_at').nullable();
    t.string('resolved_by', 64).nullable();
    t.index(['status', 'id'], 'customer_suggestion_status_idx');
    t.index(['customer_id'], 'customer_suggestion_customer_idx');
    t.index(['candidate_id'], 'customer_suggestion_candidate_idx');
  });
  await knex.schema.createTable(T.merge, (t) => {
    id(t).primary();
    id(t, 'survivor_id').notNullable();
    id(t, 'merged_id').notNullable();
    t.jsonb('moved').notNullable();
    t.string('actor_id', 64).nullable();
    t.bigInteger('merged_at').notNullable();
    t.index(['survivor_id'], 'customer_merge_survivor_idx');
    t.index(['merged_id'], 'customer_merge_merged_idx');
  });
  await knex.schema.createTable(T.erasure, (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable();
    t.string('actor_id', 64).nullable();
    t.string('reason', 500).nullable();
    t.jsonb('cleared').notNullable();
    t.bigInteger('erased_at').notNullable();
    t.index(['customer_id'], 'customer_erasure_customer_idx');
  });
}

async function createAccounts(knex: Knex): Promise<void> {
  await knex.schema.createTable(T.account, (t) => {
    id(t, 'customer_id').primary().references('id').inTable(T.customer);
    // Normalised (lowercased) e-mail the customer signs in with; an identity only once verified.
    t.string('email', 320).nullable();
    t.bigInteger('email_verified_at').nullable();
    t.string('password_hash', 200).nullable();
    t.string('platform_id', 40).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('last_login_at').nullable();
    t.unique(['email'], { indexName: 'customer_account_email_uq' });
  });
  await knex.schema.createTable(T.session, (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    t.string('token_hash', 64).notNullable();
    t.string('platform_id', 40).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('revoked_at').nullable();
    t.unique(['token_hash'], { indexName: 'customer_session_token_uq' });
    t.index(['customer_id'], 'customer_session_customer_idx');
  });
  await knex.schema.createTable(T.token, (t) => {
    id(t).primary();
    id(t, 'customer_id').notNullable().references('id').inTable(T.customer);
    t.string('kind', 20).notNullable();
    t.string('token_hash', 64).notNullable();
    t.string('email', 320).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('used_at').nullable();
    t.unique(['token_hash'], { indexName: 'customer_token_hash_uq' });
    t.index(['customer_id', 'kind'], 'customer_token_customer_idx');
  });
  await knex.schema.createTable(T.segment, (t) => {
    id(t).primary();
    t.string('code', 60).notNullable();
    t.string('name', 200).notNullable();
    t.jsonb('rules').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['code'], { indexName: 'customer_segment_code_uq' });
  });
}

/** The module's schema migrations. */
export const customerMigrations: Migration[] = [
  {
    name: '0001_customer',
    async up(knex) {
      await createProfiles(knex);
      await createFigures(knex);
      await createMerges(knex);
      await createAccounts(knex);
    },
    async down(knex) {
      for (const table of Object.values(T).reverse()) await knex.schema.dropTableIfExists(table);
    },
  },
];
