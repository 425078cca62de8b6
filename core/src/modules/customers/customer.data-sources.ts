import type { CustomerDataSource } from '../../kernel/customer-data.js';
import { CustomerTables as T } from './customer.migrations.js';

/**
 * The customers module's own tables, declared like any plugin's: what merging, exporting and
 * erasing does with each. Tables merged by hand (the profile itself, group memberships,
 * figures, suggestions, accounts) say `onMerge: 'skip'`.
 */
export const customerDataSources: CustomerDataSource[] = [
  { table: T.customer, customerColumn: 'id', label: 'profile', onMerge: 'skip', personal: { first_name: 'null', last_name: 'null', search_first: 'null', search_last: 'null', tags: 'empty_array' } },
  { table: T.identity, customerColumn: 'customer_id', label: 'identities', onErase: 'delete' },
  { table: T.address, customerColumn: 'customer_id', label: 'addresses', onErase: 'delete' },
  { table: T.note, customerColumn: 'customer_id', label: 'notes', personal: { body: 'redact' } },
  { table: T.consent, customerColumn: 'customer_id', label: 'consents' },
  { table: T.groupMember, customerColumn: 'customer_id', label: 'groups', onMerge: 'skip' },
  { table: T.stats, customerColumn: 'customer_id', label: 'figures', onMerge: 'skip' },
  { table: T.spend, customerColumn: 'customer_id', label: 'spend', onMerge: 'skip' },
  { table: T.purchase, customerColumn: 'customer_id', label: 'purchases' },
  { table: T.timeline, customerColumn: 'customer_id', label: 'timeline' },
  { table: T.suggestion, customerColumn: 'customer_id', label: 'merge suggestions', onMerge: 'skip', onErase: 'delete' },
  { table: T.suggestion, customerColumn: 'candidate_id', label: 'merge suggestions (as candidate)', onMerge: 'skip', onErase: 'delete' },
  { table: T.account, customerColumn: 'customer_id', label: 'account', onMerge: 'skip', onErase: 'delete', exportExclude: ['password_hash'] },
  { table: T.session, customerColumn: 'customer_id', label: 'sessions', onMerge: 'delete', onErase: 'delete', exportExclude: ['token_hash'] },
  { table: T.token, customerColumn: 'customer_id', label: 'account tokens', onMerge: 'delete', onErase: 'delete', exportExclude: ['token_hash'] },
];
