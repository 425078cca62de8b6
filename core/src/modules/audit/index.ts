import { definePlugin } from '../../kernel/plugin.js';
import { CORE_PLUGIN_NAME } from '../../kernel/plugin-order.js';
import { Tokens } from '../../kernel/tokens.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { auditAdminGraphQL } from './audit.graphql.js';
import { AuditLogService } from './audit-log.service.js';
import { auditMigrations } from './audit.migrations.js';

/**
 * The audit log: every staff and integration write, recorded by the service that makes it in
 * the same transaction (`Tokens.AuditLog`), readable by staff with `audit.read`.
 */
export const auditModule = definePlugin({
  name: 'core.audit',
  version: PLAZA_VERSION,
  description: 'Audit log of every staff and integration write',
  requires: [CORE_PLUGIN_NAME],
  register(scope) {
    scope.container.registerInstance(Tokens.AuditLog, new AuditLogService());
  },
  exports: [Tokens.AuditLog],
  migrations: auditMigrations,
  permissions: [{ code: 'audit.read', label: 'Read the audit log', description: 'See who changed what, when', group: 'audit', defaultRoles: ['store-manager'] }],
  graphql: { admin: auditAdminGraphQL },
});
