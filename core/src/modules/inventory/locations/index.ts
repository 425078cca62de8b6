import { definePlugin } from '../../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../../kernel/version.js';

/** Stock locations (warehouses, stores, dark stores, dropship) and the locations each platform sells from */
export const locationsModule = definePlugin({
  name: 'core.locations',
  version: PLAZA_VERSION,
  description: 'Stock locations (warehouses, stores, dark stores, dropship) and the locations each platform sells from',
  requires: ['core.platforms', 'core.roles'],
});
