import type { Ctx } from '../../kernel/context.js';
import type { PluginScope, SeedReport } from '../../kernel/plugin.js';
import { TaxService } from './tax.service.js';
import { TaxTables as T } from './tax.tables.js';

/** Demo zone codes. */
export const DEMO_TAX_ZONES = { spain: 'es', canarias: 'es-canarias' } as const;

/**
 * Demo seed: Spain (IVA 21 / 10 / 4 / 0 %) and, as an example of a territory outside the VAT
 * area, the Canary Islands (region CN, postal codes 35xxx and 38xxx) with every rate at 0 %
 * (IGIC is not charged by this demo). Does nothing when the Spain zone exists.
 */
export async function seedDemoTax(ctx: Ctx, scope: PluginScope<unknown>, _report: SeedReport): Promise<void> {
  if (await ctx.db(T.zone).where('code', DEMO_TAX_ZONES.spain).first('id')) {
    scope.logger.info('demo tax zone %s exists; not seeded again', DEMO_TAX_ZONES.spain);
    return;
  }
  const tax = scope.container.resolve(TaxService);
  await tax.createZone(ctx, {
    code: DEMO_TAX_ZONES.spain,
    name: 'Spain (IVA)',
    members: [{ country: 'ES' }],
    rates: [
      { category: 'standard', rateBasisPoints: 2100, name: 'IVA 21 %' },
      { category: 'reduced', rateBasisPoints: 1000, name: 'IVA 10 %' },
      { category: 'super_reduced', rateBasisPoints: 400, name: 'IVA 4 %' },
      { category: 'zero', rateBasisPoints: 0, name: 'IVA 0 %' },
    ],
  });
  await tax.createZone(ctx, {
    code: DEMO_TAX_ZONES.canarias,
    name: 'Canary Islands (outside the VAT area)',
    members: [{ country: 'ES', region: 'CN' }, { country: 'ES', postalPrefix: '35' }, { country: 'ES', postalPrefix: '38' }],
    rates: [
      { category: 'standard', rateBasisPoints: 0, name: 'Exempt' },
      { category: 'reduced', rateBasisPoints: 0, name: 'Exempt' },
      { category: 'super_reduced', rateBasisPoints: 0, name: 'Exempt' },
      { category: 'zero', rateBasisPoints: 0, name: 'Exempt' },
    ],
  });
}
