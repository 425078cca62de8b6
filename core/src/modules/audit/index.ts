import { definePlugin } from '../../kernel/plugin.js';
import { CORE_PLUGIN_NAME } from '../../kernel/plugin-order.js';
import { PLAZA_VERSION } from '../../kernel/version.js';

/** The audit log module (being built in issue 3). */
export const auditModule = definePlugin({
  name: 'core.audit',
  version: PLAZA_VERSION,
  description: 'Audit log of every staff and integration write',
  requires: [CORE_PLUGIN_NAME],
});
