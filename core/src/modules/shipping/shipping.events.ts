import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

const zonePayload = z.object({ zoneId: z.string(), code: z.string() });
const methodPayload = z.object({ methodId: z.string(), zoneId: z.string(), code: z.string() });

/** A shipping zone was created. */
export const shippingZoneCreated = defineEvent('shipping_zone.created', zonePayload, 'A shipping zone was created');
/** A shipping zone's code, name or members changed. */
export const shippingZoneUpdated = defineEvent('shipping_zone.updated', zonePayload.extend({ changed: z.array(z.string()) }), 'A shipping zone was edited');
/** A shipping zone was deleted with its methods. */
export const shippingZoneDeleted = defineEvent('shipping_zone.deleted', zonePayload, 'A shipping zone was deleted with its methods');
/** A shipping method was created. */
export const shippingMethodCreated = defineEvent('shipping_method.created', methodPayload, 'A shipping method was created');
/** A shipping method or its rates changed. */
export const shippingMethodUpdated = defineEvent('shipping_method.updated', methodPayload.extend({ changed: z.array(z.string()) }), 'A shipping method or its rates changed');
/** A shipping method was deleted. */
export const shippingMethodDeleted = defineEvent('shipping_method.deleted', methodPayload, 'A shipping method was deleted');

/** Every event the shipping module declares. */
export const shippingEvents = [shippingZoneCreated, shippingZoneUpdated, shippingZoneDeleted, shippingMethodCreated, shippingMethodUpdated, shippingMethodDeleted];
