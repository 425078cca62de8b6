import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import type { Ctx } from '../../kernel/context.js';
import { PlatformService } from '../platforms/index.js';

/** Which of some platform ids exist; the platforms module's service answers it. */
export interface PlatformDirectory {
  /** The ids among `ids` that are not platforms. */
  missing(ctx: Ctx, ids: readonly string[]): Promise<string[]>;
}

/**
 * Which of some stock location ids exist. The locations module binds it under
 * {@link LocationDirectoryToken}; it boots after this module, so the roles module resolves it
 * at call time and accepts every id while no module binds it.
 */
export interface LocationDirectory {
  /** The ids among `ids` that are not stock locations. */
  missing(ctx: Ctx, ids: readonly string[]): Promise<string[]>;
}

/** The public token a locations module binds its {@link LocationDirectory} to (and exports). */
export const LocationDirectoryToken = Symbol.for('plaza.LocationDirectory') as InjectionToken<LocationDirectory>;

/** Tokens internal to the roles module. */
export const RolesTokens = {
  /** The audit log, resolved at call time (the audit module binds `Tokens.AuditLog`). */
  Audit: Symbol.for('plaza.roles.Audit') as InjectionToken<AuditLog>,
  /** Platform id validation for assignment scopes, resolved at call time. */
  Platforms: Symbol.for('plaza.roles.Platforms') as InjectionToken<PlatformDirectory>,
  /** Location id validation for assignment scopes, resolved at call time. */
  Locations: Symbol.for('plaza.roles.Locations') as InjectionToken<LocationDirectory>,
} as const;

export { lazyAuditLog } from '../../kernel/lazy-audit-log.js';

/**
 * A {@link PlatformDirectory} over the platforms module's exported `PlatformService`, resolved
 * at call time; when that module does not export it, every id is accepted.
 */
export function lazyPlatformDirectory(container: DependencyContainer): PlatformDirectory {
  return {
    async missing(ctx, ids) {
      if (ids.length === 0 || !container.isRegistered(PlatformService, true)) return [];
      return container.resolve(PlatformService).missing(ctx, ids);
    },
  };
}

/**
 * A {@link LocationDirectory} that resolves {@link LocationDirectoryToken} from `container` at
 * call time (the locations module registers later); without one, every id is accepted.
 */
export function lazyLocationDirectory(container: DependencyContainer): LocationDirectory {
  return {
    async missing(ctx, ids) {
      if (ids.length === 0 || !container.isRegistered(LocationDirectoryToken, true)) return [];
      return container.resolve(LocationDirectoryToken).missing(ctx, ids);
    },
  };
}
