import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';

/** Inventory levels, the movement ledger, reservations, transfers and availability */
export const inventoryModule = definePlugin({
  name: 'core.inventory',
  version: PLAZA_VERSION,
  description: 'Inventory levels, the movement ledger, reservations, transfers and availability',
  requires: ['core.catalog', 'core.locations'],
});
