import { describe, expect, it } from 'vitest';
import { pickPrice, type PriceCandidate, type PriceQuery } from './price-rule.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15);

function price(id: string, amount: number, extra: Partial<PriceCandidate> = {}): PriceCandidate {
  return { id, amount, compareAtAmount: null, customerGroupId: null, startsAt: null, endsAt: null, minQuantity: 1, ...extra };
}

function query(groups: string[] = [], at = NOW, quantity = 1): PriceQuery {
  return { groups: new Set(groups), at, quantity };
}

describe('price resolution rule', () => {
  const base = price('p1', 2000);
  const vip = price('p2', 1800, { customerGroupId: 'vip' });
  const sale = price('p3', 1500, { startsAt: NOW - DAY, endsAt: NOW + DAY });
  const futureSale = price('p4', 900, { startsAt: NOW + DAY });
  const pastSale = price('p5', 800, { endsAt: NOW - 1 });
  const bulk = price('p6', 1000, { minQuantity: 10 });

  it('falls back to the undated base price', () => {
    expect(pickPrice([base, futureSale, pastSale, bulk], query())?.id).toBe('p1');
    expect(pickPrice([], query())).toBeNull();
    expect(pickPrice([vip, futureSale], query())).toBeNull();
  });

  it('a dated price in force beats the undated one, only while in force (start inclusive, end exclusive)', () => {
    expect(pickPrice([base, sale], query())?.id).toBe('p3');
    expect(pickPrice([base, sale], query([], NOW - DAY))?.id).toBe('p3');
    expect(pickPrice([base, sale], query([], NOW + DAY))?.id).toBe('p1');
    // Even a dated price higher than the base wins: it is more specific (e.g. a temporary increase).
    expect(pickPrice([base, price('up', 2500, { startsAt: NOW - DAY })], query())?.id).toBe('up');
  });

  it('a group price beats the base price for members only, and beats a dated price for everyone', () => {
    expect(pickPrice([base, vip], query(['vip']))?.id).toBe('p2');
    expect(pickPrice([base, vip], query(['other']))?.id).toBe('p1');
    expect(pickPrice([base, vip, sale], query(['vip']))?.id).toBe('p2');
    const vipSale = price('p7', 1700, { customerGroupId: 'vip', startsAt: NOW - DAY });
    expect(pickPrice([base, vip, sale, vipSale], query(['vip']))?.id).toBe('p7');
  });

  it('the lowest amount wins among equally specific prices; quantity tiers apply when reached', () => {
    const gold = price('p8', 1700, { customerGroupId: 'gold' });
    expect(pickPrice([base, vip, gold], query(['vip', 'gold']))?.id).toBe('p8');
    expect(pickPrice([base, price('p9', 1999)], query())?.id).toBe('p9');
    expect(pickPrice([base, bulk], query([], NOW, 10))?.id).toBe('p6');
    expect(pickPrice([base, bulk], query([], NOW, 9))?.id).toBe('p1');
  });
});
