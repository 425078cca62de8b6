import { inject, injectable } from 'tsyringe';
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
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { computeTax, type AppliedRate, type TaxCategory, type TaxResult } from './tax-engine.js';
import { TaxZoneCache } from './tax-zone.cache.js';
import { computeTaxInput, createTaxZoneInput, destinationInput, updateTaxZoneInput, type ComputeTaxInput, type CreateTaxZoneInput, type UpdateTaxZoneInput } from './tax.inputs.js';
import { TaxPermission as P } from './tax.permissions.js';
import { loadZones, zoneSummary, type TaxZone } from './tax.records.js';
import { TaxTables as T } from './tax.tables.js';
import { TaxTokens } from './tax.tokens.js';
import { matchZone, type Destination, type ZoneMember } from './zone-match.js';

/** Default receipt labels of the categories. */
const CATEGORY_LABEL: Record<TaxCategory, string> = { standard: 'Standard', reduced: 'Reduced', super_reduced: 'Super-reduced', zero: 'Zero' };

function codeTaken(code: string, cause?: unknown): PlazaError {
  return new PlazaError('CONFLICT', `The code "${code}" is already used by another tax zone`, {
    reason: 'TAX_ZONE_CODE_TAKEN',
    fields: [{ path: 'code', message: 'is already used by another tax zone' }],
    cause,
  });
}

/** The result of {@link TaxService.compute}: the engine's answer and the zone it used. */
export interface TaxComputation extends TaxResult {
  /** The destination's zone; null: no zone covers it and nothing was taxed. */
  zone: { id: string; code: string; name: string } | null;
}

/**
 * Tax zones and rates (admin CRUD with `tax.read` / `tax.manage`), the zone of a destination
 * (cached, invalidated after commit) and {@link compute} for carts. See docs/tax.md.
 */
@injectable()
export class TaxService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(TaxTokens.Audit) private readonly audit: AuditLog,
    @inject(TaxZoneCache) private readonly cache: TaxZoneCache,
  ) {}

  /** One zone. */
  async getZone(ctx: Ctx, id: string): Promise<TaxZone> {
    requirePermission(ctx, P.Read);
    return this.load(ctx, id);
  }

  /** A page of zones by code. */
  async listZones(ctx: Ctx, args: PageArgs): Promise<Connection<TaxZone>> {
    requirePermission(ctx, P.Read);
    const { size, afterKey } = readPageArgs(args);
    const q = ctx.db(T.zone).orderBy('code').limit(size + 1).select('id');
    if (afterKey) q.where('code', '>', afterKey);
    const ids = ((await q) as { id: string }[]).map((r) => r.id);
    return toConnection(await loadZones(ctx, ids), size, (z) => z.code);
  }

  /**
   * The zone of a destination (most specific member wins, see zone-match.ts), or null.
   * No permission: carts and other modules call it for any customer.
   */
  async resolveZone(ctx: Ctx, destination: Destination): Promise<TaxZone | null> {
    const dest = parseInput(destinationInput, destination, 'destination', 'DESTINATION_INVALID', 'destination');
    return matchZone(await this.cache.all(ctx), dest);
  }

  /** {@link resolveZone} for staff (`tax.read`). */
  async zoneFor(ctx: Ctx, destination: Destination): Promise<TaxZone | null> {
    requirePermission(ctx, P.Read);
    return this.resolveZone(ctx, destination);
  }

  /**
   * Taxes cart lines for a destination: resolves the zone, then runs the engine (per-line
   * rounding, totals that add up). No zone: every line untaxed (rate 0). No permission: carts
   * call it for any customer. BAD_USER_INPUT (`TAX_INPUT_INVALID`) with field paths on bad input.
   */
  async compute(ctx: Ctx, input: ComputeTaxInput): Promise<TaxComputation> {
    const data = parseInput(computeTaxInput, input, 'tax', 'TAX_INPUT_INVALID');
    const zone = matchZone(await this.cache.all(ctx), data.destination);
    const rates: Partial<Record<TaxCategory, AppliedRate>> = {};
    for (const r of zone?.rates ?? []) rates[r.category] = r;
    const result = computeTax({ lines: data.lines, pricesIncludeTax: data.pricesIncludeTax, currency: data.currency, rates });
    return { ...result, zone: zone ? { id: zone.id, code: zone.code, name: zone.name } : null };
  }

  /** {@link compute} for staff (`tax.read`): the admin's tax preview. */
  async preview(ctx: Ctx, input: ComputeTaxInput): Promise<TaxComputation> {
    requirePermission(ctx, P.Read);
    return this.compute(ctx, input);
  }

  /** Creates a zone with its members and rates. */
  async createZone(ctx: Ctx, input: CreateTaxZoneInput): Promise<TaxZone> {
    requirePermission(ctx, P.Manage);
    const data = parseInput(createTaxZoneInput, input, 'tax zone', 'TAX_ZONE_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      if (await trx.db(T.zone).where('code', data.code).first('id')) throw codeTaken(data.code);
      const now = Date.now();
      const id = newId('txz');
      try {
        await trx.db(T.zone).insert({ id, code: data.code, name: data.name, created_at: now, updated_at: now });
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken(data.code, error);
        throw error;
      }
      await this.writeMembers(trx, id, data.members);
      await this.writeRates(trx, id, data.rates ?? []);
      const zone = await this.load(trx, id);
      await this.audit.record(trx, { action: 'tax_zone.created', entityType: 'tax_zone', entityId: id, before: null, after: zoneSummary(zone) });
      await this.events.publish(trx, 'tax_zone.created', { zoneId: id, code: zone.code });
      afterCommit(trx.db, () => this.cache.invalidate());
      return zone;
    });
  }

  /** Edits a zone; `members` / `rates` when given replace the zone's. */
  async updateZone(ctx: Ctx, input: UpdateTaxZoneInput): Promise<TaxZone> {
    requirePermission(ctx, P.Manage);
    const data = parseInput(updateTaxZoneInput, input, 'tax zone', 'TAX_ZONE_INPUT_INVALID');
    return inTransaction(ctx, async (trx) => {
      const before = await this.load(trx, data.id);
      const changed: string[] = [];
      const row: Record<string, unknown> = {};
      if (data.code && data.code !== before.code) {
        if (await trx.db(T.zone).where('code', data.code).whereNot('id', data.id).first('id')) throw codeTaken(data.code);
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
      if (data.rates) {
        await trx.db(T.rate).where('zone_id', data.id).delete();
        await this.writeRates(trx, data.id, data.rates);
        changed.push('rates');
      }
      if (changed.length === 0) return before;
      try {
        await trx.db(T.zone).where('id', data.id).update({ ...row, updated_at: Date.now() });
      } catch (error) {
        if (isUniqueViolation(error) && data.code) throw codeTaken(data.code, error);
        throw error;
      }
      const after = await this.load(trx, data.id);
      await this.audit.record(trx, { action: 'tax_zone.updated', entityType: 'tax_zone', entityId: data.id, before: zoneSummary(before), after: zoneSummary(after) });
      await this.events.publish(trx, 'tax_zone.updated', { zoneId: data.id, code: after.code, changed });
      afterCommit(trx.db, () => this.cache.invalidate());
      return after;
    });
  }

  /** Deletes a zone with its members and rates; its destinations become untaxed. */
  async deleteZone(ctx: Ctx, id: string): Promise<string> {
    requirePermission(ctx, P.Manage);
    return inTransaction(ctx, async (trx) => {
      const before = await this.load(trx, id);
      await trx.db(T.rate).where('zone_id', id).delete();
      await trx.db(T.zoneMember).where('zone_id', id).delete();
      await trx.db(T.zone).where('id', id).delete();
      await this.audit.record(trx, { action: 'tax_zone.deleted', entityType: 'tax_zone', entityId: id, before: zoneSummary(before), after: null });
      await this.events.publish(trx, 'tax_zone.deleted', { zoneId: id, code: before.code });
      afterCommit(trx.db, () => this.cache.invalidate());
      return id;
    });
  }

  private async load(ctx: Ctx, id: string): Promise<TaxZone> {
    const [zone] = await loadZones(ctx, [id]);
    if (!zone) throw errors.notFound('Tax zone', id);
    return zone;
  }

  private async writeMembers(trx: Ctx, zoneId: string, members: ZoneMember[]): Promise<void> {
    if (members.length === 0) return;
    await trx.db(T.zoneMember).insert(
      members.map((m, position) => ({ id: newId('txm'), zone_id: zoneId, country: m.country, region: m.region ?? null, postal_prefix: m.postalPrefix ?? null, position })),
    );
  }

  private async writeRates(trx: Ctx, zoneId: string, rates: { category: TaxCategory; rateBasisPoints: number; name?: string | null }[]): Promise<void> {
    if (rates.length === 0) return;
    await trx.db(T.rate).insert(
      rates.map((r) => ({ id: newId('txr'), zone_id: zoneId, category: r.category, rate_bp: r.rateBasisPoints, name: r.name || `${CATEGORY_LABEL[r.category]} ${r.rateBasisPoints / 100} %` })),
    );
  }
}
