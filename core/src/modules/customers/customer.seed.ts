import type { Ctx } from '../../kernel/context.js';
import type { PluginScope } from '../../kernel/plugin.js';
import { CustomerTables as T } from './customer.migrations.js';
import { CustomerConsents } from './customer-consents.js';
import { IdentityResolver, type ResolveInput } from './identity-resolver.js';

/** Demo people: found on the web, in a store and on Instagram; one pair that staff should merge. */
const DEMO: Omit<ResolveInput, 'platformId'>[] = [
  { source: 'signup', profile: { firstName: 'Lucía', lastName: 'Martín', locale: 'es-ES' }, identities: [{ kind: 'email', value: 'lucia.martin@example.com', verified: true }, { kind: 'phone', value: '+34 612 345 678', verified: true }] },
  { source: 'pos', profile: { firstName: 'Javier', lastName: 'Álvarez', locale: 'es-ES' }, identities: [{ kind: 'phone', value: '+34 633 111 222', verified: true }, { kind: 'loyalty_card', value: 'PLZ 0000 0042', verified: true }] },
  { source: 'signup', profile: { firstName: 'Emma', lastName: 'Schmidt', locale: 'de-DE' }, identities: [{ kind: 'email', value: 'emma.schmidt@example.com', verified: true }] },
  { source: 'order', profile: { firstName: 'Carmen', lastName: 'López' }, identities: [{ kind: 'email', value: 'carmen.lopez@example.com', verified: false }] },
  // The same Carmen writes on Instagram and gives her e-mail: not verified, so a merge suggestion.
  { source: 'conversation', profile: { firstName: 'Carmen' }, identities: [{ kind: 'social', namespace: 'instagram', value: '@carmen.lz', verified: true }, { kind: 'email', value: 'carmen.lopez@example.com', verified: false }] },
];

/**
 * Demo seed: five customers resolved through the same identity resolution every channel uses,
 * which leaves one merge suggestion for staff, and marketing consents for two of them.
 */
export async function seedDemoCustomers(ctx: Ctx, scope: PluginScope<unknown>): Promise<void> {
  if (await ctx.db(T.customer).first('id')) {
    scope.logger.info('demo customers exist; not seeded again');
    return;
  }
  const platform = (await ctx.db('platform').orderBy('created_at').first('id')) as { id: string } | undefined;
  const resolver = scope.container.resolve(IdentityResolver);
  const consents = scope.container.resolve(CustomerConsents);
  for (const [i, person] of DEMO.entries()) {
    const { customer } = await resolver.resolve(ctx, { ...person, platformId: platform?.id ?? null });
    if (i < 2) await consents.record(ctx, customer.id, { purpose: 'marketing', channel: 'email', granted: true, wordingVersion: '2026-01' }, 'account', platform?.id ?? null);
  }
}
