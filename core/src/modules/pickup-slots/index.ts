import { definePlugin } from '../../kernel/plugin.js';
import { lazyAuditLog } from '../../kernel/lazy-audit-log.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { ClockToken, systemClock } from '../inventory/locations/index.js';
import { slotAdminGraphQL, slotChannelGraphQL } from './pickup-slots.graphql.js';
import { slotMigrations } from './pickup-slots.migrations.js';
import { PickupSlotService } from './pickup-slots.service.js';
import { SlotTokens } from './pickup-slots.tokens.js';

export { PickupSlotService, type PickupSlot, type SlotSettings, type SlotSettingsInput } from './pickup-slots.service.js';
export { SlotTables } from './pickup-slots.migrations.js';

/**
 * Order-ahead pickup slots: per location, slots of a fixed length inside its opening hours,
 * each taking a limited number of orders; checkout books one for an order. See docs/locations.md.
 */
export const pickupSlotsModule = definePlugin({
  name: 'core.pickup-slots',
  version: PLAZA_VERSION,
  description: 'Order-ahead pickup slots with a capacity per location',
  requires: ['core.locations'],
  migrations: slotMigrations,
  register({ container }) {
    container.registerInstance(SlotTokens.Audit, lazyAuditLog(container));
    container.registerInstance(SlotTokens.Clock, { now: () => (container.isRegistered(ClockToken, true) ? container.resolve(ClockToken).now() : systemClock.now()) });
    container.registerSingleton(PickupSlotService);
  },
  exports: [PickupSlotService],
  graphql: { admin: slotAdminGraphQL, channel: slotChannelGraphQL },
});
