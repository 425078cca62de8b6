import type { Ctx } from '../../../kernel/context.js';
import { haversineKm } from '../locations/index.js';
import { loadAvailability } from '../availability.js';
import type { StockSource, StockSources } from '../stock-sources.js';
import type { SourcingAssignment, SourcingLine, SourcingPlan, SourcingRequest, SourcingStrategy } from './sourcing.js';

type Stock = Map<string, Map<string, number>>;

function plan(assignments: SourcingAssignment[], shortages: SourcingPlan['shortages']): SourcingPlan {
  const locationIds = [...new Set(assignments.map((a) => a.locationId))];
  return { complete: shortages.length === 0, assignments, shortages, locationIds };
}

function canServe(stock: Stock, locationId: string, lines: readonly SourcingLine[]): boolean {
  const needed = new Map<string, number>();
  for (const line of lines) needed.set(line.variantId, (needed.get(line.variantId) ?? 0) + line.quantity);
  for (const [variantId, quantity] of needed) if ((stock.get(variantId)?.get(locationId) ?? 0) < quantity) return false;
  return true;
}

function whole(lines: readonly SourcingLine[], locationId: string): SourcingAssignment[] {
  return lines.map((l) => ({ key: l.key, variantId: l.variantId, locationId, quantity: l.quantity }));
}

/**
 * The core's sourcing: pickup — everything from the pickup location, or the shortages; ship —
 * among the platform's active locations that ship, one that can serve the whole order (the
 * nearest to the destination; the platform's order when there is none or it is unknown), else
 * each line taken in the platform's location order, split across locations when one is not
 * enough. Availability is the platform's (after safety stock), read in one statement.
 */
export class DefaultSourcing implements SourcingStrategy {
  constructor(private readonly sources: StockSources) {}

  async plan(ctx: Ctx, request: SourcingRequest): Promise<SourcingPlan> {
    const sources = await this.sources.forPlatform(ctx, request.platformId);
    const stock = await this.stock(ctx, request, sources);
    if (request.mode === 'pickup') return this.pickup(request, stock);
    const shipping = sources.filter((s) => s.location.shipFromEnabled).sort((a, b) => a.position - b.position);
    const full = shipping.filter((s) => canServe(stock, s.locationId, request.lines));
    if (full.length > 0) return plan(whole(request.lines, this.nearest(full, request).locationId), []);
    return this.split(request.lines, shipping, stock);
  }

  private pickup(request: SourcingRequest, stock: Stock): SourcingPlan {
    const locationId = request.pickupLocationId ?? '';
    const assignments: SourcingAssignment[] = [];
    const shortages: SourcingPlan['shortages'] = [];
    const left = new Map<string, number>();
    for (const line of request.lines) {
      const available = left.get(line.variantId) ?? stock.get(line.variantId)?.get(locationId) ?? 0;
      const take = Math.min(available, line.quantity);
      left.set(line.variantId, available - take);
      if (take > 0) assignments.push({ key: line.key, variantId: line.variantId, locationId, quantity: take });
      if (take < line.quantity) shortages.push({ key: line.key, variantId: line.variantId, missing: line.quantity - take });
    }
    return plan(assignments, shortages);
  }

  private nearest(candidates: StockSource[], request: SourcingRequest): StockSource {
    const to = request.destination;
    if (!to) return candidates[0]!;
    const distance = (s: StockSource) =>
      s.location.latitude === null || s.location.longitude === null ? Number.POSITIVE_INFINITY : haversineKm(to, { latitude: s.location.latitude, longitude: s.location.longitude });
    return [...candidates].sort((a, b) => distance(a) - distance(b) || a.position - b.position)[0]!;
  }

  private split(lines: readonly SourcingLine[], shipping: StockSource[], stock: Stock): SourcingPlan {
    const assignments: SourcingAssignment[] = [];
    const shortages: SourcingPlan['shortages'] = [];
    const left = new Map<string, Map<string, number>>();
    for (const line of lines) {
      const perLocation = left.get(line.variantId) ?? new Map(stock.get(line.variantId) ?? []);
      left.set(line.variantId, perLocation);
      let missing = line.quantity;
      for (const source of shipping) {
        if (missing === 0) break;
        const take = Math.min(perLocation.get(source.locationId) ?? 0, missing);
        if (take <= 0) continue;
        perLocation.set(source.locationId, (perLocation.get(source.locationId) ?? 0) - take);
        assignments.push({ key: line.key, variantId: line.variantId, locationId: source.locationId, quantity: take });
        missing -= take;
      }
      if (missing > 0) shortages.push({ key: line.key, variantId: line.variantId, missing });
    }
    return plan(assignments, shortages);
  }

  private async stock(ctx: Ctx, request: SourcingRequest, sources: StockSource[]): Promise<Stock> {
    const variantIds = [...new Set(request.lines.map((l) => l.variantId))];
    const availability = await Promise.all(variantIds.map((id) => loadAvailability(ctx, request.platformId, sources, id)));
    return new Map(availability.map((a) => [a.variantId, new Map(a.locations.map((l) => [l.locationId, l.available]))]));
  }
}
