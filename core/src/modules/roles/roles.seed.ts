import type { Ctx } from '../../kernel/context.js';
import type { PluginScope, SeedReport } from '../../kernel/plugin.js';
import { OWNER_ROLE, RoleDefaults } from './built-in-roles.js';
import { RolesTables as T } from './roles.tables.js';
import { StaffService } from './staff.service.js';

/** Email of the demo seed's owner account. */
export const DEMO_ADMIN_EMAIL = 'admin@plaza.local';

/** Base seed: the built-in roles, with the default permissions of every declared permission. */
export async function seedBaseRoles(ctx: Ctx, scope: PluginScope<unknown>): Promise<void> {
  await scope.container.resolve(RoleDefaults).apply(ctx);
}

/**
 * Demo seed: `admin@plaza.local`, an owner with a random password, reported once (the CLI
 * prints it and writes `.plaza/demo-credentials.json`). Skipped when that account exists.
 */
export async function seedDemoAdmin(ctx: Ctx, scope: PluginScope<unknown>, report: SeedReport): Promise<void> {
  if (await ctx.db(T.staff).where('email', DEMO_ADMIN_EMAIL).first('id')) return;
  await scope.container.resolve(RoleDefaults).apply(ctx);
  const created = await scope.container.resolve(StaffService).create(ctx, { email: DEMO_ADMIN_EMAIL, name: 'Demo admin', assignments: [{ roleCode: OWNER_ROLE }] });
  report.admin = { email: DEMO_ADMIN_EMAIL, password: created.password! };
}
