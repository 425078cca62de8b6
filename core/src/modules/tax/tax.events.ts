import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

const zonePayload = z.object({ zoneId: z.string(), code: z.string() });

/** A tax zone was created. */
export const taxZoneCreated = defineEvent('tax_zone.created', zonePayload, 'A tax zone was created');
/** A tax zone's name, code, members or rates changed (`changed` lists them). */
export const taxZoneUpdated = defineEvent('tax_zone.updated', zonePayload.extend({ changed: z.array(z.string()) }), 'A tax zone or its rates changed');
/** A tax zone was deleted with its rates. */
export const taxZoneDeleted = defineEvent('tax_zone.deleted', zonePayload, 'A tax zone was deleted');

/** Every event the tax module declares. */
export const taxEvents = [taxZoneCreated, taxZoneUpdated, taxZoneDeleted];
