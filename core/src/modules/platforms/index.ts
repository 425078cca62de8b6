import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';

/** The platforms module (being built in issue 3). */
export const platformsModule = definePlugin({
  name: 'core.platforms',
  version: PLAZA_VERSION,
  description: 'Platforms (channel instances), platform types and publishable keys',
  requires: ['core.audit'],
});
