import { openingState } from './opening-hours.js';
import type { StockLocation } from './location.records.js';
import type { OpeningState } from './opening-hours.types.js';

/** When a pickup order placed now could be collected, with the opening state it was derived from. */
export interface PickupReadiness extends OpeningState {
  /** Now + preparation when the location stays open that long; else its next opening + preparation; null when it does not open again within the look-ahead. */
  readyAt: Date | null;
  preparationMinutes: number;
}

/**
 * Estimates when an order placed at `now` is ready for pickup at `location`: now plus the
 * preparation time when the location is open and stays open at least that long, else the
 * next opening plus the preparation time (staff prepare orders while the shop is open).
 */
export function pickupReadiness(location: Pick<StockLocation, 'openingHours' | 'timeZone' | 'preparationMinutes'>, now: Date): PickupReadiness {
  const state = openingState(location.openingHours, location.timeZone, now);
  const prepMs = location.preparationMinutes * 60_000;
  const soon = now.getTime() + prepMs;
  let readyAt: Date | null;
  if (state.openNow && (state.closesAt === null || soon <= state.closesAt.getTime())) readyAt = new Date(soon);
  else readyAt = state.nextOpensAt ? new Date(state.nextOpensAt.getTime() + prepMs) : null;
  return { ...state, readyAt, preparationMinutes: location.preparationMinutes };
}
