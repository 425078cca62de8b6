import type { Ctx } from '../../kernel/context.js';
import type { PluginScope, SeedReport } from '../../kernel/plugin.js';
import { PlatformKeyService } from './platform-key.service.js';
import { PlatformTables as T } from './platform.migrations.js';
import { PlatformService } from './platform.service.js';
import type { CreatePlatformInput } from './platform.inputs.js';

/** The demo platforms: a web store and an app, both headless, selling in euros in Spain. */
export const DEMO_PLATFORMS: CreatePlatformInput[] = [
  { code: 'web-es', name: 'Web ES', type: 'headless', currency: 'EUR', locale: 'es-ES', settings: { allowedOrigins: ['http://localhost:5173'], description: 'Demo web store' } },
  { code: 'app-es', name: 'App', type: 'headless', currency: 'EUR', locale: 'es-ES', settings: { description: 'Demo mobile app' } },
];

/**
 * Demo seed: creates the demo platforms with one key each and reports the keys (shown once).
 * A platform whose code already exists is left alone (its key was reported when it was made).
 */
export async function seedDemoPlatforms(ctx: Ctx, scope: PluginScope<unknown>, report: SeedReport): Promise<void> {
  const platforms = scope.container.resolve(PlatformService);
  const keys = scope.container.resolve(PlatformKeyService);
  for (const input of DEMO_PLATFORMS) {
    if (await ctx.db(T.platform).where('code', input.code).first('id')) {
      scope.logger.info({ code: input.code }, 'demo platform %s exists; not seeded again', input.code);
      continue;
    }
    const platform = await platforms.create(ctx, input);
    const { secret } = await keys.create(ctx, platform.id, 'Demo key');
    report.platforms.push({ code: platform.code, type: platform.type, key: secret });
  }
}
