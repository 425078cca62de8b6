import { defineJob } from '../../kernel/plugin.js';
import { InventoryService } from './inventory.service.js';

/**
 * Every minute: releases reservations whose expiry passed. Each release is a conditional
 * update of the reservation's status, so a run that overlaps another (or a cancel) never gives
 * the same units back twice.
 */
export const expireReservationsJob = defineJob({
  name: 'inventory.reservations.expire',
  description: 'Releases stock reservations whose expiry passed',
  cron: '* * * * *',
  maxAttempts: 3,
  async run(_payload, ctx, scope) {
    const expired = await scope.container.resolve(InventoryService).expireDue(ctx);
    if (expired > 0) scope.logger.info({ expired }, 'released %d expired stock reservation(s)', expired);
  },
});
