import type { Actor, PlatformRef } from '../kernel/context.js';
import { errors } from '../kernel/errors.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';

/** Resolves request credentials through the `auth` hooks of the loaded plugins. */
export class RequestAuthenticator {
  /** True when a module resolves platform keys: the channel API then requires one. */
  readonly requiresPlatformKey: boolean;

  constructor(private readonly registry: PluginRegistry) {
    this.requiresPlatformKey = registry.plugins.some((p) => p.manifest.auth?.platformKey);
  }

  /** The platform of a publishable key. Throws UNAUTHENTICATED when no module knows the key. */
  async platformFromKey(key: string): Promise<PlatformRef> {
    for (const { manifest, scope } of this.registry.plugins) {
      const hook = manifest.auth?.platformKey;
      if (!hook) continue;
      const platform = await hook(key, scope as never);
      if (platform) return platform;
    }
    throw errors.unauthenticated('The publishable key in x-plaza-key is not valid for any platform', 'PLATFORM_KEY_UNKNOWN');
  }

  /** The actor of an admin bearer token. Throws UNAUTHENTICATED when no module accepts it. */
  async adminActor(token: string): Promise<Actor> {
    for (const { manifest, scope } of this.registry.plugins) {
      const hook = manifest.auth?.adminBearer;
      if (!hook) continue;
      const actor = await hook(token, scope as never);
      if (actor) return actor;
    }
    throw errors.unauthenticated('The session token is not valid or has expired; sign in again', 'SESSION_INVALID');
  }

  /** The customer of a channel bearer token. Throws UNAUTHENTICATED when no module accepts it. */
  async customerActor(token: string, platform: PlatformRef | null): Promise<Actor> {
    for (const { manifest, scope } of this.registry.plugins) {
      const hook = manifest.auth?.customerBearer;
      if (!hook) continue;
      const actor = await hook(token, platform, scope as never);
      if (actor) return actor;
    }
    throw errors.unauthenticated('The customer token is not valid or has expired; sign in again', 'CUSTOMER_SESSION_INVALID');
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. Throws on a malformed header. */
export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw errors.unauthenticated('The Authorization header must be "Bearer <token>"', 'AUTH_HEADER_MALFORMED');
  return match[1]!;
}
