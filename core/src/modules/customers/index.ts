import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { lazyAuditLog } from '../platforms/platform.tokens.js';
import { customerDataSources } from './customer.data-sources.js';
import { customerEvents } from './customer.events.js';
import { customerMigrations } from './customer.migrations.js';
import { customerPermissions } from './customer.permissions.js';
import { CustomerService } from './customer.service.js';
import { CustomerTokens } from './customer.tokens.js';
import { CustomerMergeService } from './customer-merge.js';
import { CustomerAddresses } from './customer-addresses.js';
import { CustomerConsents } from './customer-consents.js';
import { CustomerTimeline } from './customer-timeline.js';
import { IdentityResolver } from './identity-resolver.js';
import { customerChannelGraphQL } from './customer.channel.graphql.js';
import { CustomerAccounts } from './customer-accounts.js';
import { CustomerLoginThrottle } from './customer-login-throttle.js';
import { CustomerMe } from './customer-me.js';
import { pruneCustomerSessionsJob } from './customer-session-prune.job.js';
import { customerBearer, CustomerSessions } from './customer-sessions.js';
import { customerAdminGraphQL } from './customer.admin.compose.js';
import { CustomerPrivacy } from './customer-privacy.js';
import { CustomerStaffEdits } from './customer-staff-edits.js';
import { seedDemoCustomers } from './customer.seed.js';
import { CustomerGroupResolverToken } from '../pricing/customer-groups.js';
import { customerGroupResolver } from './customer-group-resolver.js';
import { CustomerGroups } from './customer-groups.js';
import { CustomerLookup } from './customer-lookup.js';
import { CustomerSegments } from './customer-segments.js';
import { seedCustomersScale } from './customer.scale-seed.js';

export { CustomerService, type CustomerFilter } from './customer.service.js';
export { CustomerMergeService, type MergePreview, type MergeResult } from './customer-merge.js';
export { CustomerTimeline } from './customer-timeline.js';
export { CustomerAddresses, type CustomerAddress } from './customer-addresses.js';
export { CustomerConsents, type Consent } from './customer-consents.js';
export { CustomerLookup, type LookupHit, type LookupResult } from './customer-lookup.js';
export { CustomerGroups, type CustomerGroup } from './customer-groups.js';
export { CustomerSegments, type CustomerSegment } from './customer-segments.js';
export type { SegmentRule } from './segment-rules.js';
export { CustomerPrivacy, CUSTOMER_EXPORT_FORMAT, type CustomerExport, type ErasureResult } from './customer-privacy.js';
export { CustomerStaffEdits } from './customer-staff-edits.js';
export { IdentityResolver, type ResolveInput, type ResolveResult } from './identity-resolver.js';
export { CustomerAccounts, type CustomerSignIn, type EmailLink } from './customer-accounts.js';
export { CustomerMe, type MeView } from './customer-me.js';
export { CustomerPermission, customerPermissions } from './customer.permissions.js';
export { CustomerTables } from './customer.migrations.js';
export { normaliseIdentity, maskIdentity, IDENTITY_KINDS, type IdentityKind, type IdentityInput, type NormalisedIdentity } from './identity-value.js';
export type { Customer, CustomerIdentity, CustomerFigures, TimelineEntry, CustomerStatus } from './customer.records.js';
export type { MergeSuggestion, MergeEvidence } from './merge-suggestions.js';

/**
 * The customers module: one golden record per person across every platform — identities and
 * their resolution, merge suggestions and merges, the timeline fed by every module's events,
 * lifetime figures, accounts on the channel API, consents, privacy export and erasure, staff
 * lookup and segments. See docs/customers.md.
 */
export const customersModule = definePlugin({
  name: 'core.customers',
  version: PLAZA_VERSION,
  description: 'Customers: one profile across platforms, identities, merges, timeline, accounts, privacy',
  requires: ['core.platforms'],
  migrations: customerMigrations,
  permissions: customerPermissions,
  events: customerEvents,
  customerData: customerDataSources,
  subscribers: {
    '*': (event, ctx, scope) => scope.container.resolve(CustomerTimeline).onEvent(event, ctx),
  },
  // The timeline only records events that say what they mean for a customer.
  subscriberFilters: { '*': { events: (definition) => definition.customerActivity !== undefined } },
  register({ container }) {
    container.registerInstance(CustomerTokens.Audit, lazyAuditLog(container));
    container.registerSingleton(CustomerTimeline);
    container.registerSingleton(IdentityResolver);
    container.registerSingleton(CustomerMergeService);
    container.registerSingleton(CustomerService);
    container.registerSingleton(CustomerAddresses);
    container.registerSingleton(CustomerConsents);
    container.registerSingleton(CustomerSessions);
    container.registerSingleton(CustomerLoginThrottle);
    container.registerSingleton(CustomerAccounts);
    container.registerSingleton(CustomerMe);
    container.registerSingleton(CustomerStaffEdits);
    container.registerSingleton(CustomerPrivacy);
    container.registerSingleton(CustomerLookup);
    container.registerSingleton(CustomerGroups);
    container.registerSingleton(CustomerSegments);
    // Pricing's group prices: the signed-in customer's groups and segments.
    container.registerInstance(CustomerGroupResolverToken, customerGroupResolver);
  },
  graphql: { admin: customerAdminGraphQL, channel: customerChannelGraphQL },
  auth: { customerBearer },
  jobs: [pruneCustomerSessionsJob],
  seed: { demo: (ctx, scope) => seedDemoCustomers(ctx, scope), scale: (ctx, _scope, plan) => seedCustomersScale(ctx, plan) },
  exports: [CustomerService, IdentityResolver, CustomerMergeService, CustomerTimeline, CustomerAddresses, CustomerConsents, CustomerPrivacy, CustomerLookup, CustomerGroups, CustomerSegments, CustomerGroupResolverToken],
});
