import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import type { Ctx } from '../../kernel/context.js';
import { newId } from '../../kernel/ids.js';
import type { PermissionDefinition } from '../../kernel/plugin.js';
import type { PluginRegistry } from '../../kernel/plugin-registry.js';
import { Tokens } from '../../kernel/tokens.js';
import { inTransaction } from '../../db/transaction.js';
import { RolesTables as T, type RoleRow } from './roles.tables.js';
import { RolesTokens } from './roles.tokens.js';
import { auditSummary, toRoleView } from './roles.views.js';

/** Code of the owner role: every permission, current and future. */
export const OWNER_ROLE = 'owner';
/** Code of the read-only role, which also gets every `*.read` permission. */
export const READ_ONLY_ROLE = 'read-only';

/** The built-in roles seeded on first start (editable; the owner role cannot be emptied or deleted). */
export const BUILT_IN_ROLES = [
  { code: OWNER_ROLE, name: 'Owner', description: 'Everything, including permissions that plugins installed later add' },
  { code: 'store-manager', name: 'Store manager', description: 'Runs stores: their staff, stock, orders and reports' },
  { code: 'store-associate', name: 'Store associate', description: 'Sells and serves customers in a store' },
  { code: 'call-center', name: 'Call-center agent', description: 'Helps customers by phone and chat: orders, exchanges, conversations' },
  { code: 'marketing', name: 'Marketing', description: 'Promotions, loyalty and campaigns' },
  { code: READ_ONLY_ROLE, name: 'Read-only', description: 'Sees what it may read; changes nothing' },
] as const;

const BUILT_IN_CODES = new Set<string>(BUILT_IN_ROLES.map((r) => r.code));

/** The built-in roles (other than owner) a permission goes to when it first appears. */
export function defaultRolesOf(permission: PermissionDefinition): string[] {
  const roles = new Set(permission.defaultRoles ?? []);
  if (permission.code.endsWith('.read')) roles.add(READ_ONLY_ROLE);
  return [...roles].filter((code) => code !== OWNER_ROLE && BUILT_IN_CODES.has(code)).sort();
}

/** What one {@link RoleDefaults.apply} did. */
export interface RoleDefaultsResult {
  rolesCreated: string[];
  permissionsOffered: string[];
}

/**
 * Keeps the built-in roles in step with the declared permissions, once per role and per
 * permission: creates the built-in roles never created before, and adds each permission never
 * offered before to the built-in roles its `defaultRoles` name (read-only also gets every
 * `*.read`). The ledger table remembers what was done, so a staff edit that removed a
 * permission — or deleted a built-in role — is not undone on the next start. Runs at the base
 * seed, on every start (onReady) and before `plaza user:create`; safe to run concurrently.
 */
@injectable()
export class RoleDefaults {
  constructor(
    @inject(Tokens.Plugins) private readonly registry: PluginRegistry,
    @inject(RolesTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** Applies what is missing, in one transaction. */
  async apply(ctx: Ctx): Promise<RoleDefaultsResult> {
    return inTransaction(ctx, async (tx) => {
      const ledger = (await tx.db(T.defaultsApplied).select('kind', 'code')) as { kind: string; code: string }[];
      const done = new Set(ledger.map((r) => `${r.kind}:${r.code}`));
      const now = Date.now();
      const rolesCreated: string[] = [];
      for (const def of BUILT_IN_ROLES.filter((r) => !done.has(`role:${r.code}`))) {
        const row = { id: newId('role'), code: def.code, name: def.name, description: def.description, permissions: JSON.stringify(def.code === OWNER_ROLE ? ['*'] : []), built_in: true, created_at: now, updated_at: now };
        const inserted = (await tx.db(T.role).insert(row).onConflict('code').ignore().returning('id')) as unknown[];
        if (inserted.length > 0) {
          rolesCreated.push(def.code);
          await this.audit.record(tx, { action: 'role.created', entityType: 'role', entityId: row.id, after: auditSummary.role(toRoleView(row)) });
        }
        await tx.db(T.defaultsApplied).insert({ kind: 'role', code: def.code, applied_at: now }).onConflict(['kind', 'code']).ignore();
      }
      const fresh = [...this.registry.permissions.values()].filter((p) => !done.has(`permission:${p.code}`));
      await this.offer(tx, fresh);
      for (const p of fresh) await tx.db(T.defaultsApplied).insert({ kind: 'permission', code: p.code, applied_at: now }).onConflict(['kind', 'code']).ignore();
      return { rolesCreated, permissionsOffered: fresh.map((p) => p.code) };
    });
  }

  private async offer(tx: Ctx, permissions: readonly PermissionDefinition[]): Promise<void> {
    const additions = new Map<string, string[]>();
    for (const p of permissions) for (const role of defaultRolesOf(p)) additions.set(role, [...(additions.get(role) ?? []), p.code]);
    if (additions.size === 0) return;
    const rows = (await tx.db(T.role).whereIn('code', [...additions.keys()]).where('built_in', true).select('*')) as RoleRow[];
    for (const row of rows) {
      const before = toRoleView(row);
      const merged = [...new Set([...before.permissions, ...additions.get(row.code)!])].sort();
      if (merged.length === before.permissions.length) continue;
      await tx.db(T.role).where('id', row.id).update({ permissions: JSON.stringify(merged), updated_at: Date.now() });
      const after = { ...before, permissions: merged };
      await this.audit.record(tx, { action: 'role.updated', entityType: 'role', entityId: row.id, before: auditSummary.role(before), after: auditSummary.role(after) });
    }
  }
}
