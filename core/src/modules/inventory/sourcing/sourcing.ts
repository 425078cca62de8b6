import type { InjectionToken } from 'tsyringe';
import type { Ctx } from '../../../kernel/context.js';
import type { GeoPoint } from '../locations/index.js';

/** One line to source: a variant and how many. `key` is the caller's (e.g. a cart line id). */
export interface SourcingLine {
  key: string;
  variantId: string;
  quantity: number;
}

/** What to source for: the platform's stock, where the goods go, and how they get there. */
export interface SourcingRequest {
  platformId: string;
  lines: readonly SourcingLine[];
  /** `ship`: from locations that ship; `pickup`: everything from `pickupLocationId`. */
  mode: 'ship' | 'pickup';
  /** Where a shipment goes (nearest location first); null when unknown (the platform's order). */
  destination?: GeoPoint | null;
  pickupLocationId?: string | null;
}

/** Units of a line taken from one location. */
export interface SourcingAssignment {
  key: string;
  variantId: string;
  locationId: string;
  quantity: number;
}

/** The plan: which location gives what, and what no location can give. */
export interface SourcingPlan {
  /** True when every unit of every line has a location. */
  complete: boolean;
  assignments: SourcingAssignment[];
  /** Lines (or parts of lines) no location can serve. */
  shortages: { key: string; variantId: string; missing: number }[];
  /** The distinct locations the plan uses, in the order they were chosen. */
  locationIds: string[];
}

/**
 * Decides which locations fulfil an order's lines. The core's default serves the whole order
 * from one location when it can (the nearest to the destination), else splits it in the
 * platform's location order. A plugin replaces it by binding {@link SourcingStrategyToken}
 * and listing it in `exports` (the last export wins).
 */
export interface SourcingStrategy {
  plan(ctx: Ctx, request: SourcingRequest): Promise<SourcingPlan>;
}

/** Injection token of the active {@link SourcingStrategy}. */
export const SourcingStrategyToken = Symbol.for('plaza.inventory.SourcingStrategy') as InjectionToken<SourcingStrategy>;
