import type { Ctx } from '../../kernel/context.js';
import type { PluginScope, SeedReport } from '../../kernel/plugin.js';
import { ShippingService } from './shipping.service.js';
import { ShippingTables as T } from './shipping.tables.js';

/** Demo zone codes. */
export const DEMO_SHIPPING_ZONES = { peninsula: 'es-peninsula', canarias: 'es-canarias' } as const;

/**
 * Demo seed: Spain (peninsula and Balearics) with Standard 4.95 € (free from 50.00 €, 2–4 days)
 * and Express 9.95 € (1–2 days); the Canary Islands (region CN, postal codes 35/38) with
 * Standard 14.95 € (5–8 days). Does nothing when the peninsula zone exists.
 */
export async function seedDemoShipping(ctx: Ctx, scope: PluginScope<unknown>, _report: SeedReport): Promise<void> {
  if (await ctx.db(T.zone).where('code', DEMO_SHIPPING_ZONES.peninsula).first('id')) {
    scope.logger.info('demo shipping zone %s exists; not seeded again', DEMO_SHIPPING_ZONES.peninsula);
    return;
  }
  const shipping = scope.container.resolve(ShippingService);
  const peninsula = await shipping.createZone(ctx, { code: DEMO_SHIPPING_ZONES.peninsula, name: 'Spain (peninsula and Balearics)', members: [{ country: 'ES' }] });
  await shipping.createMethod(ctx, {
    zoneId: peninsula.id,
    code: 'standard',
    name: 'Standard',
    carrier: 'Correos',
    minDays: 2,
    maxDays: 4,
    rateType: 'subtotal',
    rates: [
      { currency: 'EUR', min: 0, max: 4999, amount: 495 },
      { currency: 'EUR', min: 5000, max: null, amount: 0 },
    ],
  });
  await shipping.createMethod(ctx, { zoneId: peninsula.id, code: 'express', name: 'Express', carrier: 'SEUR', minDays: 1, maxDays: 2, rateType: 'flat', rates: [{ currency: 'EUR', amount: 995 }] });
  const canarias = await shipping.createZone(ctx, {
    code: DEMO_SHIPPING_ZONES.canarias,
    name: 'Canary Islands',
    members: [{ country: 'ES', region: 'CN' }, { country: 'ES', postalPrefix: '35' }, { country: 'ES', postalPrefix: '38' }],
  });
  await shipping.createMethod(ctx, { zoneId: canarias.id, code: 'standard', name: 'Standard (Canarias)', carrier: 'Correos', minDays: 5, maxDays: 8, rateType: 'flat', rates: [{ currency: 'EUR', amount: 1495 }] });
}
