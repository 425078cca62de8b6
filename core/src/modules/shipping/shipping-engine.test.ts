import { describe, expect, it } from 'vitest';
import { quoteShipping, rateFor, type ShippingMethod, type ShippingZone } from './shipping-engine.js';

const at = new Date(0);
let n = 0;
function method(partial: Partial<ShippingMethod> & Pick<ShippingMethod, 'code' | 'rateType' | 'rates'>): ShippingMethod {
  n += 1;
  return { id: `m${n}`, zoneId: 'z', name: partial.code, carrier: null, minDays: 1, maxDays: 3, active: true, platformIds: [], position: n, createdAt: at, updatedAt: at, ...partial };
}

const standard = method({ code: 'standard', rateType: 'subtotal', rates: [{ currency: 'EUR', min: 0, max: 4999, amount: 495 }, { currency: 'EUR', min: 5000, max: null, amount: 0 }] });
const express = method({ code: 'express', rateType: 'flat', rates: [{ currency: 'EUR', min: 0, max: null, amount: 995 }], minDays: 1, maxDays: 2 });
const heavy = method({
  code: 'heavy',
  rateType: 'weight',
  rates: [
    { currency: 'EUR', min: 0, max: 1000, amount: 300 },
    { currency: 'EUR', min: 1001, max: 5000, amount: 600 },
    { currency: 'EUR', min: 5001, max: 30000, amount: 1200 },
    { currency: 'USD', min: 0, max: 30000, amount: 1500 },
  ],
});
const storeOnly = method({ code: 'courier', rateType: 'flat', rates: [{ currency: 'EUR', min: 0, max: null, amount: 100 }], platformIds: ['plt_store'] });
const inactive = method({ code: 'old', rateType: 'flat', rates: [{ currency: 'EUR', min: 0, max: null, amount: 1 }], active: false });
const zones: ShippingZone[] = [
  { id: 'zp', code: 'es-peninsula', name: 'Peninsula', members: [{ country: 'ES' }], methods: [standard, express, heavy, storeOnly, inactive], createdAt: at, updatedAt: at },
  { id: 'zc', code: 'es-canarias', name: 'Canarias', members: [{ country: 'ES', postalPrefix: '35' }, { country: 'ES', postalPrefix: '38' }], methods: [method({ code: 'canarias', rateType: 'flat', rates: [{ currency: 'EUR', min: 0, max: null, amount: 1495 }] })], createdAt: at, updatedAt: at },
];
const madrid = { country: 'ES', postalCode: '28001' };

describe('shipping engine', () => {
  it('subtotal bands: edges inclusive, free shipping from the threshold', () => {
    expect(rateFor(standard, 'EUR', 0, 0)?.amount).toBe(495);
    expect(rateFor(standard, 'EUR', 4999, 0)?.amount).toBe(495);
    expect(rateFor(standard, 'EUR', 5000, 0)?.amount).toBe(0);
    expect(rateFor(standard, 'EUR', 1_000_000, 0)?.amount).toBe(0);
  });

  it('weight bands: edges, and no offer past the last band or in another currency', () => {
    expect(rateFor(heavy, 'EUR', 0, 1000)?.amount).toBe(300);
    expect(rateFor(heavy, 'EUR', 0, 1001)?.amount).toBe(600);
    expect(rateFor(heavy, 'EUR', 0, 30000)?.amount).toBe(1200);
    expect(rateFor(heavy, 'EUR', 0, 30001)).toBeNull();
    expect(rateFor(heavy, 'USD', 0, 2000)?.amount).toBe(1500);
    expect(rateFor(heavy, 'GBP', 0, 2000)).toBeNull();
  });

  it('quotes the zone’s active methods for the platform, cheapest first, with estimates', () => {
    const web = quoteShipping(zones, { platformId: 'plt_web', currency: 'eur', destination: madrid, subtotal: 2000, weightGrams: 800 });
    expect(web.zone?.code).toBe('es-peninsula');
    expect(web.quotes.map((q) => [q.code, q.amount])).toEqual([
      ['heavy', 300],
      ['standard', 495],
      ['express', 995],
    ]);
    expect(web.quotes.find((q) => q.code === 'express')).toMatchObject({ currency: 'EUR', estimate: { minDays: 1, maxDays: 2 } });

    const store = quoteShipping(zones, { platformId: 'plt_store', currency: 'EUR', destination: madrid, subtotal: 6000, weightGrams: 40000 });
    expect(store.quotes.map((q) => [q.code, q.amount])).toEqual([
      ['standard', 0],
      ['courier', 100],
      ['express', 995],
    ]);
  });

  it('sends the Canaries to their own zone and nowhere else to nothing', () => {
    const canarias = quoteShipping(zones, { platformId: 'p', currency: 'EUR', destination: { country: 'ES', postalCode: '38001' }, subtotal: 9000, weightGrams: 0 });
    expect(canarias.quotes.map((q) => [q.code, q.amount])).toEqual([['canarias', 1495]]);
    expect(quoteShipping(zones, { platformId: 'p', currency: 'EUR', destination: { country: 'FR' }, subtotal: 0, weightGrams: 0 })).toEqual({ zone: null, quotes: [] });
  });
});
