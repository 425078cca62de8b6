import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { inTransaction } from '../../db/transaction.js';
import { LocationPermission, LocationService, openSpans, type StockLocation } from '../inventory/locations/index.js';
import type { Clock } from '../inventory/locations/index.js';
import { SlotTables as T } from './pickup-slots.migrations.js';
import { SlotTokens } from './pickup-slots.tokens.js';
import { slotsWithin } from './slot-calendar.js';

/** How a location takes order-ahead pickups. */
export interface SlotSettings {
  locationId: string;
  enabled: boolean;
  /** Length of a slot. */
  slotMinutes: number;
  /** Orders per slot. */
  capacity: number;
  /** Minutes from now before the first slot that can be booked (preparation). */
  leadMinutes: number;
  /** How many days ahead slots are offered. */
  horizonDays: number;
}

/** A slot as the slot picker shows it. */
export interface PickupSlot {
  start: Date;
  end: Date;
  capacity: number;
  booked: number;
  available: number;
}

const settingsInput = z.object({
  locationId: z.string().min(1),
  enabled: z.boolean(),
  slotMinutes: z.number().int().min(5, 'must be at least 5').max(240, 'must be at most 240'),
  capacity: z.number().int().min(1, 'must be at least 1').max(1000),
  leadMinutes: z.number().int().min(0).max(7 * 24 * 60),
  horizonDays: z.number().int().min(1).max(60),
});

export type SlotSettingsInput = z.input<typeof settingsInput>;

interface SettingsRow {
  location_id: string;
  enabled: boolean | number;
  slot_minutes: number;
  capacity: number;
  lead_minutes: number;
  horizon_days: number;
}

function toSettings(row: SettingsRow): SlotSettings {
  return { locationId: row.location_id, enabled: Boolean(row.enabled), slotMinutes: Number(row.slot_minutes), capacity: Number(row.capacity), leadMinutes: Number(row.lead_minutes), horizonDays: Number(row.horizon_days) };
}

/**
 * Order-ahead pickup slots: each location with slots enabled offers slots of a fixed length
 * inside its opening hours (its time zone, holidays included), from now plus a lead time up
 * to a horizon, each taking a limited number of orders. Booking is one conditional UPDATE of
 * the slot's load (never above capacity, concurrent buyers included); a booking per reference
 * (an order) is idempotent, and releasing it frees the place.
 */
@injectable()
export class PickupSlotService {
  constructor(
    @inject(LocationService) private readonly locations: LocationService,
    @inject(SlotTokens.Clock) private readonly clock: Clock,
    @inject(SlotTokens.Audit) private readonly audit: AuditLog,
  ) {}

  /** A location's slot settings (disabled defaults when never set). Needs `locations.read` there. */
  async settings(ctx: Ctx, locationId: string): Promise<SlotSettings> {
    requirePermission(ctx, LocationPermission.Read, { locationId });
    return this.load(ctx, locationId);
  }

  /** Sets a location's slot settings. Needs `locations.manage` there. */
  async configure(ctx: Ctx, input: SlotSettingsInput): Promise<SlotSettings> {
    const data = parseInput(settingsInput, input, 'pickup slot settings', 'SLOT_SETTINGS_INVALID');
    requirePermission(ctx, LocationPermission.Manage, { locationId: data.locationId });
    return inTransaction(ctx, async (trx) => {
      const location = (await this.locations.byIds(trx, [data.locationId]))[0];
      if (!location) throw errors.notFound('Stock location', data.locationId);
      if (data.enabled && !location.pickupEnabled) {
        throw errors.badInput('Turn pickup on for this location before offering order-ahead slots', [{ path: 'enabled', message: 'needs pickup enabled at the location' }], 'PICKUP_DISABLED');
      }
      const row = { location_id: data.locationId, enabled: data.enabled, slot_minutes: data.slotMinutes, capacity: data.capacity, lead_minutes: data.leadMinutes, horizon_days: data.horizonDays, updated_at: Date.now() };
      await trx.db(T.settings).insert(row).onConflict('location_id').merge();
      await this.audit.record(trx, { action: 'pickup_slots.configured', entityType: 'stock_location', entityId: data.locationId, after: { ...data } });
      return toSettings(row);
    });
  }

  /** The bookable slots of a location from now, with what is left in each (no permission: shoppers see them). */
  async slots(ctx: Ctx, locationId: string): Promise<PickupSlot[]> {
    const settings = await this.load(ctx, locationId);
    if (!settings.enabled) return [];
    const location = await this.location(ctx, locationId);
    const windows = this.windows(location, settings);
    if (windows.length === 0) return [];
    const loads = (await ctx
      .db(T.load)
      .where('location_id', locationId)
      .whereBetween('slot_start', [windows[0]!.start, windows.at(-1)!.start])
      .select('slot_start', 'booked')) as { slot_start: number | string; booked: number }[];
    const booked = new Map(loads.map((l) => [Number(l.slot_start), Number(l.booked)]));
    return windows.map((w) => {
      const taken = booked.get(w.start) ?? 0;
      return { start: new Date(w.start), end: new Date(w.end), capacity: settings.capacity, booked: taken, available: Math.max(0, settings.capacity - taken) };
    });
  }

  /**
   * Books a place in the slot starting at `slotStart` for a reference (an order). The same
   * reference booking the same slot again is a no-op; CONFLICT SLOT_FULL when no place is left,
   * BAD_USER_INPUT SLOT_UNAVAILABLE when it is not a slot the location offers now.
   */
  async book(ctx: Ctx, input: { locationId: string; slotStart: Date; reference: { type: string; id: string } }): Promise<{ bookingId: string; slot: PickupSlot }> {
    return inTransaction(ctx, async (trx) => {
      const start = input.slotStart.getTime();
      const existing = (await trx.db(T.booking).where({ reference_type: input.reference.type, reference_id: input.reference.id }).first()) as
        | { id: string; location_id: string; slot_start: number | string; status: string }
        | undefined;
      if (existing && existing.status === 'booked') {
        if (existing.location_id === input.locationId && Number(existing.slot_start) === start) return { bookingId: existing.id, slot: await this.slotAt(trx, input.locationId, start) };
        throw new PlazaError('CONFLICT', 'This order already holds another pickup slot; release it first', { reason: 'SLOT_ALREADY_BOOKED' });
      }
      const settings = await this.load(trx, input.locationId);
      const window = settings.enabled ? this.windows(await this.location(trx, input.locationId), settings).find((w) => w.start === start) : undefined;
      if (!window) throw errors.badInput('That pickup slot is not offered (closed, too soon, too far ahead or not a slot start)', [{ path: 'slotStart', message: 'is not an available slot' }], 'SLOT_UNAVAILABLE');
      await trx.db(T.load).insert({ location_id: input.locationId, slot_start: start, booked: 0 }).onConflict(['location_id', 'slot_start']).ignore();
      const taken = await trx.db(T.load).where({ location_id: input.locationId, slot_start: start }).where('booked', '<', settings.capacity).increment('booked', 1);
      if (taken === 0) throw new PlazaError('CONFLICT', 'That pickup slot is full; choose another', { reason: 'SLOT_FULL', fields: [{ path: 'slotStart', message: 'is full' }] });
      const bookingId = existing?.id ?? newId('psb');
      const row = { location_id: input.locationId, slot_start: start, status: 'booked', created_at: Date.now(), released_at: null };
      if (existing) await trx.db(T.booking).where('id', existing.id).update(row);
      else await trx.db(T.booking).insert({ id: bookingId, reference_type: input.reference.type, reference_id: input.reference.id, ...row });
      return { bookingId, slot: await this.slotAt(trx, input.locationId, start) };
    });
  }

  /** Frees the place a reference holds (idempotent). Returns whether one was held. */
  async release(ctx: Ctx, reference: { type: string; id: string }): Promise<boolean> {
    return inTransaction(ctx, async (trx) => {
      const booking = (await trx.db(T.booking).where({ reference_type: reference.type, reference_id: reference.id, status: 'booked' }).first()) as
        | { id: string; location_id: string; slot_start: number | string }
        | undefined;
      if (!booking) return false;
      await trx.db(T.booking).where('id', booking.id).update({ status: 'released', released_at: Date.now() });
      await trx.db(T.load).where({ location_id: booking.location_id, slot_start: Number(booking.slot_start) }).where('booked', '>', 0).decrement('booked', 1);
      return true;
    });
  }

  private windows(location: StockLocation, settings: SlotSettings) {
    const now = this.clock.now();
    const spans = openSpans(location.openingHours, location.timeZone, now, settings.horizonDays);
    const lead = Math.max(settings.leadMinutes, location.preparationMinutes ?? 0);
    return slotsWithin(spans, settings.slotMinutes, now.getTime() + lead * 60_000);
  }

  private async slotAt(ctx: Ctx, locationId: string, start: number): Promise<PickupSlot> {
    const settings = await this.load(ctx, locationId);
    const load = (await ctx.db(T.load).where({ location_id: locationId, slot_start: start }).first('booked')) as { booked: number } | undefined;
    const booked = Number(load?.booked ?? 0);
    return { start: new Date(start), end: new Date(start + settings.slotMinutes * 60_000), capacity: settings.capacity, booked, available: Math.max(0, settings.capacity - booked) };
  }

  private async location(ctx: Ctx, locationId: string): Promise<StockLocation> {
    const location = (await this.locations.byIds(ctx, [locationId]))[0];
    if (!location) throw errors.notFound('Stock location', locationId);
    return location;
  }

  private async load(ctx: Ctx, locationId: string): Promise<SlotSettings> {
    const row = (await ctx.db(T.settings).where('location_id', locationId).first()) as SettingsRow | undefined;
    return row ? toSettings(row) : { locationId, enabled: false, slotMinutes: 30, capacity: 5, leadMinutes: 60, horizonDays: 7 };
  }
}
