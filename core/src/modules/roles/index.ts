import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';

/** The roles module (being built in issue 3). */
export const rolesModule = definePlugin({
  name: 'core.roles',
  version: PLAZA_VERSION,
  description: 'Staff accounts, sessions, roles, scoped assignments and integration tokens',
  requires: ['core.audit', 'core.platforms'],
});
