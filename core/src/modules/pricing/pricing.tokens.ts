import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { CustomerGroupResolverToken, noCustomerGroups, type CustomerGroupResolver } from './customer-groups.js';

/** Tokens internal to the pricing module. */
export const PricingTokens = {
  /** The audit log, resolved at call time. */
  Audit: Symbol.for('plaza.pricing.Audit') as InjectionToken<AuditLog>,
  /** The customer-group resolver in force (the customers module's, or none). */
  Groups: Symbol.for('plaza.pricing.Groups') as InjectionToken<CustomerGroupResolver>,
} as const;

export { lazyAuditLog } from '../../kernel/lazy-audit-log.js';

/**
 * The customer-group resolver another module exported under {@link CustomerGroupResolverToken}
 * (looked up once, on first use: every module has registered by then), or the default.
 */
export function lazyCustomerGroups(container: DependencyContainer): CustomerGroupResolver {
  let resolved: CustomerGroupResolver | undefined;
  return {
    groupsOf: (ctx) => {
      resolved ??= container.isRegistered(CustomerGroupResolverToken, true) ? container.resolve(CustomerGroupResolverToken) : noCustomerGroups;
      return resolved.groupsOf(ctx);
    },
  };
}
