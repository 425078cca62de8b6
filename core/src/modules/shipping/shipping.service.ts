import { inject, injectable } from 'tsyringe';
import type { z } from 'zod';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/field-errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { afterCommit, inTransaction } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { toJson } from '../../db/json-column.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { destinationInput } from '../tax/tax.inputs.js';
import { matchZone, type Destination, type ZoneMember } from '../tax/zone-match.js';
import { ShippingConfigCache } from './shipping-config.cache.js';
import { quoteShipping, type RateType, type ShippingMethod, type ShippingQuote, type ShippingZone } from './shipping-engine.js';
import {
  rateProblems,
  createShippingMethodInput,
  createShippingZoneInput,
  quoteInput,
  updateShippingMethodInput,
  updateShippingZoneInput,
  type CreateShippingMethodInput,
  type CreateShippingZoneInput,
  type QuoteShippingInput,
  type shippingRateInput,
  type UpdateShippingMethodInput,
  type UpdateShippingZoneInput,
} from './shipping.inputs.js';
import { ShippingPermission as P } from './shipping.permissions.js';
import { loadMethods, loadZones, methodSummary, zoneSummary } from './shipping.records.js';
import { ShippingTables as T } from './shipping.tables.js';
import { ShippingTokens } from './shipping.tokens.js';

type RateIn = z.output<typeof shippingRateInput>;

function taken(what: 'zone' | 'method', code: string, cause?: unknown): PlazaError {
  const where = what === 'zone' ? 'another shipping zone' : 'another method of this zone';
  return new PlazaError('CONFLICT', `The code "${code}" is already used by ${where}`, {
    reason: what === 'zone' ? 'SHIPPING_ZONE_CODE_TAKEN' : 'SHIPPING_METHOD_CODE_TAKEN',
    fields: [{ path: 'code', message: `is already used by ${where}` }],
    cause,
  });
}

/** The answer of {@link ShippingService.quote}. */
export interface ShippingQuoteResult {
  /** The destination's zone; null: no zone covers it (nothing is offered). */
  zone: { id: string; code: string; name: string } | null;
  /** Methods on offer, cheapest first. */
  quotes: ShippingQuote[];
}

/**
 * Shipping zones, their methods and rates (admin CRUD with `shipping.read` / `shipping.manage`),
 * the zone of a destination, and {@link quote} for carts. See docs/shipping.md.
 */
@injectable()
export class ShippingService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(ShippingTokens.Audit) private readonly audit: AuditLog,
    @inject(ShippingConfigCache) private readonly cache: ShippingConfigCache,
  ) {}

  /** One zone with its methods. */
  async getZone(ctx: Ctx, id: string): Promise<ShippingZone> {
    requirePermission(ctx, P.Read);
    return this.loadZone(ctx, id);
  }

  /** One method. */
  async getMethod(ctx: Ctx, id: string): Promise<ShippingMethod> {
    requirePermission(ctx, P.Read);
    return this.loadMethod(ctx, id);
  }

  /** A page of zones by code. */
  async listZones(ctx: Ctx, args: PageArgs): Promise<Connection<ShippingZone>> {
    requirePermission(ctx, P.Read);
    const { size, afterKey } = readPageArgs(args);
    const q = ctx.db(T.zone).orderBy('code').limit(size + 1).select('id');
    if (afterKey) q.where('code', '>', afterKey);
    const ids = ((await q) as { id: string }[]).map((r) => r.id);
    return toConnection(await loadZones(ctx, ids), size, (z) => z.code);
  }

  /** The zone of a destination (most specific member wins), or null. No permission: for carts. */
  async resolveZone(ctx: Ctx, destination: Destination): Promise<ShippingZone | null> {
    const dest = parseInput(destinationInput, destination, 'destination', 'DESTINATION_INVALID', 'destination');
    return matchZone(await this.cache.all(ctx), dest);
  }

  /** {@link resolveZone} for staff (`shipping.read`). */
  async zoneFor(ctx: Ctx, destination: Destination): Promise<ShippingZone | null> {
    requirePermission(ctx, P.Read);
    return this.resolveZone(ctx, destination);
  }

  /**
   * The methods a cart is offered, with price and estimate, cheapest first (see
   * shipping-engine.ts). No permission: carts call it for any customer.
   * BAD_USER_INPUT (`SHIPPING_QUOTE_INVALID`) with field paths on bad input.
   */
  async quote(ctx: Ctx, input: QuoteShippingInput): Promise<ShippingQuoteResult> {
    const data = parseInput(quoteInput, input, 'shipping quote', 'SHIPPING_QUOTE_INVALID');
    const { zone, quotes } = quoteShipping(await this.cache.all(ctx), data);
    return { zone: zone ? { id: zone.id, code: zone.code, name: zone.name } : null, quotes };
  }

  /** {@link quote} for staff (`shipping.read`). */
  async preview(ctx: Ctx, input: QuoteShippingInput): Promise<ShippingQuoteResult> {
    requirePermission(ctx, P.Read);
    return this.quote(ctx, input);
  }

  /** Creates a zone (without methods). */
  async createZone(ctx: Ctx, input: CreateShippingZoneInput): Promise<ShippingZone> {
    requirePermission(ctx, P.Manage);
    const data = parseInput(createShippingZoneInput, input, 'shipping zone', 'SHIPPING_ZONE_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      if (await trx.db(T.zone).where('code', data.code).first('id')) throw taken('zone', data.code);
      const now = Date.now();
      const id = newId('shz');
      try {
        await trx.db(T.zone).insert({ id, code: data.code, name: data.name, created_at: now, updated_at: now });
      } catch (error) {
        if (isUniqueViolation(error)) throw taken('zone', data.code, error);
        throw error;
      }
      await this.writeMembers(trx, id, data.members);
      const zone = await this.loadZone(trx, id);
      await this.audit.record(trx, { action: 'shipping_zone.created', entityType: 'shipping_zone', entityId: id, before: null, after: zoneSummary(zone) });
      await this.events.publish(trx, 'shipping_zone.created', { zoneId: id, code: zone.code });
      afterCommit(trx.db, () => this.cache.invalidate());
      return zone;
    });
  }

  /** Edits a zone; `members` given replace the zone's. */
  async updateZone(ctx: Ctx, input: UpdateShippingZoneInput): Promise<ShippingZone> {
    requirePermission(ctx, P.Manage);
    const data = parseInput(updateShippingZoneInput, input, 'shipping zone', 'SHIPPING_ZONE_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      const before = await this.loadZone(trx, data.id);
      const row: Record<string, unknown> = {};
      const changed: string[] = [];
      if (data.code && data.code !== before.code) {
        if (await trx.db(T.zone).where('code', data.code).whereNot('id', data.id).first('id')) throw taken('zone', data.code);
        row.code = data.code;
        changed.push('code');
      }
      if (data.name && data.name !== before.name) {
        row.name = data.name;
        changed.push('name');
      }
      if (data.members) {
        await trx.db(T.zoneMember).where('zone_id', data.id).delete();
        await this.writeMembers(trx, data.id, data.members);
        changed.push('members');
      }
      if (changed.length === 0) return before;
      try {
        await trx.db(T.zone).where('id', data.id).update({ ...row, updated_at: Date.now() });
      } catch (error) {
        if (isUniqueViolation(error) && data.code) throw taken('zone', data.code, error);
        throw error;
      }
      const after = await this.loadZone(trx, data.id);
      await this.audit.record(trx, { action: 'shipping_zone.updated', entityType: 'shipping_zone', entityId: data.id, before: zoneSummary(before), after: zoneSummary(after) });
      await this.events.publish(trx, 'shipping_zone.updated', { zoneId: data.id, code: after.code, changed });
      afterCommit(trx.db, () => this.cache.invalidate());
      return after;
    });
  }

  /** Deletes a zone with its methods and rates. */
  async deleteZone(ctx: Ctx, id: string): Promise<string> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const before = await this.loadZone(trx, id);
      const methodIds = before.methods.map((m) => m.id);
      if (methodIds.length > 0) await trx.db(T.rate).whereIn('method_id', methodIds).delete();
      await trx.db(T.method).where('zone_id', id).delete();
      await trx.db(T.zoneMember).where('zone_id', id).delete();
      await trx.db(T.zone).where('id', id).delete();
      await this.audit.record(trx, { action: 'shipping_zone.deleted', entityType: 'shipping_zone', entityId: id, before: zoneSummary(before), after: null });
      await this.events.publish(trx, 'shipping_zone.deleted', { zoneId: id, code: before.code });
      afterCommit(trx.db, () => this.cache.invalidate());
      return id;
    });
  }

  /** Creates a method in a zone, last in its order. */
  async createMethod(ctx: Ctx, input: CreateShippingMethodInput): Promise<ShippingMethod> {
    requirePermission(ctx, P.Manage);
    const data = parseInput(createShippingMethodInput, input, 'shipping method', 'SHIPPING_METHOD_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      if (!(await trx.db(T.zone).where('id', data.zoneId).first('id'))) {
        throw errors.badInput(`The shipping zone ${data.zoneId} does not exist`, [{ path: 'zoneId', message: 'does not exist' }], 'SHIPPING_ZONE_NOT_FOUND');
      }
      const platformIds = await this.checkPlatforms(trx, data.platformIds ?? []);
      if (await trx.db(T.method).where({ zone_id: data.zoneId, code: data.code }).first('id')) throw taken('method', data.code);
      const last = (await trx.db(T.method).where('zone_id', data.zoneId).max({ p: 'position' }).first()) as { p: number | string | null } | undefined;
      const now = Date.now();
      const id = newId('shm');
      try {
        await trx.db(T.method).insert({
          id,
          zone_id: data.zoneId,
          code: data.code,
          name: data.name,
          carrier: data.carrier || null,
          min_days: data.minDays,
          max_days: data.maxDays,
          active: data.active ?? true,
          platform_ids: toJson(platformIds),
          rate_type: data.rateType,
          position: last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1,
          created_at: now,
          updated_at: now,
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw taken('method', data.code, error);
        throw error;
      }
      await this.writeRates(trx, id, data.rateType, data.rates);
      const method = await this.loadMethod(trx, id);
      await this.audit.record(trx, { action: 'shipping_method.created', entityType: 'shipping_method', entityId: id, before: null, after: methodSummary(method) });
      await this.events.publish(trx, 'shipping_method.created', { methodId: id, zoneId: data.zoneId, code: method.code });
      afterCommit(trx.db, () => this.cache.invalidate());
      return method;
    });
  }

  /** Edits a method; `rates` given replace all of its rates (required when `rateType` changes). */
  async updateMethod(ctx: Ctx, input: UpdateShippingMethodInput): Promise<ShippingMethod> {
    requirePermission(ctx, P.Manage);
    const data = parseInput(updateShippingMethodInput, input, 'shipping method', 'SHIPPING_METHOD_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      const before = await this.loadMethod(trx, data.id);
      const rateType: RateType = data.rateType ?? before.rateType;
      if (data.rateType && data.rateType !== before.rateType && !data.rates) {
        throw errors.badInput('Give the new rates when the rate type changes', [{ path: 'rates', message: 'is required when rateType changes' }], 'SHIPPING_METHOD_INPUT_INVALID');
      }
      const minDays = data.minDays ?? before.minDays;
      const maxDays = data.maxDays ?? before.maxDays;
      if (maxDays < minDays) throw errors.badInput('maxDays must be at least minDays', [{ path: 'maxDays', message: 'must be at least minDays' }], 'SHIPPING_METHOD_INPUT_INVALID');
      const rates = data.rates ?? null;
      if (rates) {
        const issues = rateProblems(rateType, rates).map((p) => ({ path: p.path.join('.'), message: p.message }));
        if (issues.length > 0) throw errors.badInput(`The shipping method input is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues, 'SHIPPING_METHOD_INPUT_INVALID');
      }
      const row: Record<string, unknown> = {};
      const changed: string[] = [];
      const set = (key: string, column: string, value: unknown, current: unknown) => {
        if (value !== undefined && value !== null && value !== current) {
          row[column] = value;
          changed.push(key);
        }
      };
      if (data.code && data.code !== before.code) {
        if (await trx.db(T.method).where({ zone_id: before.zoneId, code: data.code }).whereNot('id', data.id).first('id')) throw taken('method', data.code);
      }
      set('code', 'code', data.code, before.code);
      set('name', 'name', data.name, before.name);
      if (data.carrier !== undefined && (data.carrier || null) !== before.carrier) {
        row.carrier = data.carrier || null;
        changed.push('carrier');
      }
      set('minDays', 'min_days', data.minDays, before.minDays);
      set('maxDays', 'max_days', data.maxDays, before.maxDays);
      set('active', 'active', data.active, before.active);
      set('rateType', 'rate_type', data.rateType, before.rateType);
      set('position', 'position', data.position, before.position);
      if (data.platformIds) {
        const ids = await this.checkPlatforms(trx, data.platformIds);
        row.platform_ids = toJson(ids);
        changed.push('platformIds');
      }
      if (rates) {
        await trx.db(T.rate).where('method_id', data.id).delete();
        await this.writeRates(trx, data.id, rateType, rates);
        changed.push('rates');
      }
      if (changed.length === 0) return before;
      try {
        await trx.db(T.method).where('id', data.id).update({ ...row, updated_at: Date.now() });
      } catch (error) {
        if (isUniqueViolation(error) && data.code) throw taken('method', data.code, error);
        throw error;
      }
      const after = await this.loadMethod(trx, data.id);
      await this.audit.record(trx, { action: 'shipping_method.updated', entityType: 'shipping_method', entityId: data.id, before: methodSummary(before), after: methodSummary(after) });
      await this.events.publish(trx, 'shipping_method.updated', { methodId: data.id, zoneId: after.zoneId, code: after.code, changed });
      afterCommit(trx.db, () => this.cache.invalidate());
      return after;
    });
  }

  /** Deletes a method and its rates. */
  async deleteMethod(ctx: Ctx, id: string): Promise<string> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const before = await this.loadMethod(trx, id);
      await trx.db(T.rate).where('method_id', id).delete();
      await trx.db(T.method).where('id', id).delete();
      await this.audit.record(trx, { action: 'shipping_method.deleted', entityType: 'shipping_method', entityId: id, before: methodSummary(before), after: null });
      await this.events.publish(trx, 'shipping_method.deleted', { methodId: id, zoneId: before.zoneId, code: before.code });
      afterCommit(trx.db, () => this.cache.invalidate());
      return id;
    });
  }

  private async loadZone(ctx: Ctx, id: string): Promise<ShippingZone> {
    const [zone] = await loadZones(ctx, [id]);
    if (!zone) throw errors.notFound('Shipping zone', id);
    return zone;
  }

  private async loadMethod(ctx: Ctx, id: string): Promise<ShippingMethod> {
    const [method] = await loadMethods(ctx, { ids: [id] });
    if (!method) throw errors.notFound('Shipping method', id);
    return method;
  }

  /** The distinct platform ids, each checked to exist (BAD_USER_INPUT `platformIds.N` otherwise). */
  private async checkPlatforms(trx: Ctx, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = new Set(((await trx.db('platform').whereIn('id', unique).select('id')) as { id: string }[]).map((r) => r.id));
    const missing = ids.map((id, i) => ({ id, i })).filter((x) => !found.has(x.id));
    if (missing.length > 0) {
      throw errors.badInput('Some platforms do not exist', missing.map((m) => ({ path: `platformIds.${m.i}`, message: 'does not exist' })), 'SHIPPING_METHOD_INPUT_INVALID');
    }
    return unique;
  }

  private async writeMembers(trx: Ctx, zoneId: string, members: ZoneMember[]): Promise<void> {
    await trx.db(T.zoneMember).insert(
      members.map((m, position) => ({ id: newId('shzm'), zone_id: zoneId, country: m.country, region: m.region ?? null, postal_prefix: m.postalPrefix ?? null, position })),
    );
  }

  private async writeRates(trx: Ctx, methodId: string, rateType: RateType, rates: RateIn[]): Promise<void> {
    await trx.db(T.rate).insert(
      rates.map((r) => ({ id: newId('shr'), method_id: methodId, currency: r.currency, min_value: rateType === 'flat' ? 0 : (r.min ?? 0), max_value: rateType === 'flat' ? null : (r.max ?? null), amount: r.amount })),
    );
  }
}
