import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import { once } from './idempotency.js';
import { actorOf, authorizeAt, isChannelCall } from './inventory-access.js';
import { mergeLines, parseInput, reservationSelectorSchema, reserveSchema, type ReservationSelector, type ReserveInput, type StockLineInput } from './inventory.inputs.js';
import { InventoryPermission as P } from './inventory.permissions.js';
import { toReservation, type ReservationRow, type StockMovement, type StockReference, type StockReservation } from './inventory.records.js';
import { InventoryTables as T } from './inventory.tables.js';
import { InventoryTokens } from './inventory.tokens.js';
import { levelStore } from './level-store.js';
import { checkLowStock } from './low-stock.js';
import { outOfStock } from './out-of-stock.js';
import { bookMovement } from './stock-ledger.js';
import { StockSourcesToken, type StockSources } from './stock-sources.js';
import { withLockRetry } from './write-retry.js';

/** What `reserve` returns: the request's id and one reservation per (variant, location). */
export interface ReserveResult {
  requestId: string;
  reservations: StockReservation[];
}

/** What `commit` returns: the reservations now committed and the sale movements booked. */
export interface CommitResult {
  reservations: StockReservation[];
  movements: StockMovement[];
}

/** Why a reservation ended without a sale. */
export type ReleaseReason = 'cancelled' | 'expired';

/**
 * Reservations: units held at a location for a cart, order or transfer. They change
 * `reserved` only (not the ledger). Taking units is one conditional UPDATE per line; a
 * multi-line request is one transaction, so all lines are held or none. A reservation ends
 * exactly once: its status moves from `active` by a conditional UPDATE, and only the call
 * that moved it gives the units back (or books the sale).
 */
@injectable()
export class StockReservations {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(InventoryTokens.Audit) private readonly audit: AuditLog,
    @inject(StockSourcesToken) private readonly sources: StockSources,
  ) {}

  /** Reserves every line or none (OUT_OF_STOCK naming the short lines). Idempotent with a key. */
  async reserve(ctx: Ctx, input: ReserveInput): Promise<ReserveResult> {
    const data = parseInput(reserveSchema, input);
    const platformId = this.platformOf(ctx, data.platformId);
    const lines = mergeLines(data.lines);
    const safety = await this.safetyStocks(ctx, platformId, lines);
    const expiresAt = data.expiresAt ? data.expiresAt.getTime() : data.ttlSeconds ? Date.now() + data.ttlSeconds * 1000 : null;
    if (expiresAt !== null && expiresAt <= Date.now()) throw errors.badInput('expiresAt must be in the future', [{ path: 'expiresAt', message: 'must be in the future' }], 'EXPIRY_IN_PAST');
    return withLockRetry(ctx, () =>
      once(ctx, data.idempotencyKey, 'reserve', async (trx) => {
        const result = await this.hold(trx, lines, safety, { reference: data.reference, platformId, expiresAt });
        await this.auditStaff(trx, 'inventory.reserved', result.requestId, { reference: data.reference, lines });
        return result;
      }),
    );
  }

  /**
   * Holds every line (one conditional UPDATE each, in the caller's transaction) or throws
   * OUT_OF_STOCK; no permission check (callers check theirs). `safety[i]` is line i's safety stock.
   */
  async hold(trx: Ctx, lines: StockLineInput[], safety: number[], options: { reference: StockReference; platformId: string | null; expiresAt: number | null }): Promise<ReserveResult> {
    const now = Date.now();
    const short: { line: StockLineInput; safetyStock: number }[] = [];
    for (const [i, line] of lines.entries()) {
      if (!(await levelStore.reserve(trx.db, line.variantId, line.locationId, line.quantity, safety[i] ?? 0, now))) short.push({ line, safetyStock: safety[i] ?? 0 });
    }
    if (short.length > 0) throw await outOfStock(trx.db, short);
    const requestId = newId('irq');
    const rows: ReservationRow[] = lines.map((line) => ({
      id: newId('ires'),
      request_id: requestId,
      variant_id: line.variantId,
      location_id: line.locationId,
      quantity: line.quantity,
      platform_id: options.platformId,
      reference_type: options.reference.type,
      reference_id: options.reference.id,
      status: 'active',
      expires_at: options.expiresAt,
      created_at: now,
      ended_at: null,
      ...actorOf(trx),
    }));
    await trx.db(T.reservation).insert(rows);
    for (const line of lines) await checkLowStock(trx, this.events, line.variantId, line.locationId, now);
    await this.events.publish(trx, 'inventory.reserved', {
      reservationIds: rows.map((r) => r.id),
      lines: lines.map(({ variantId, locationId, quantity }) => ({ variantId, locationId, quantity })),
      reference: options.reference,
      expiresAt: options.expiresAt === null ? null : new Date(options.expiresAt).toISOString(),
    }, { platformId: options.platformId });
    return { requestId, reservations: rows.map(toReservation) };
  }

  /**
   * Ends an active reservation as consumed and books its units out of on hand as a movement of
   * `kind` (a sale, or a transfer leaving its source). Null when it was not active any more.
   */
  async consume(trx: Ctx, row: ReservationRow, kind: 'sale' | 'transfer_out', now: number): Promise<StockMovement | null> {
    if (!(await this.end(trx, row.id, 'committed', now))) return null;
    const qty = Number(row.quantity);
    const booked = await bookMovement(trx, this.events, {
      variantId: row.variant_id, locationId: row.location_id, kind, quantity: -qty,
      platformId: row.platform_id, reference: { type: row.reference_type, id: row.reference_id },
    }, { reservedDelta: -qty, now });
    return booked!.movement;
  }

  /**
   * Turns active reservations into sales: a `sale` movement each, on hand −n and reserved −n.
   * Already committed ones are skipped (a retry is harmless); an expired or released one named
   * by id is CONFLICT, as is a reference with nothing active or committed.
   */
  async commit(ctx: Ctx, input: ReservationSelector): Promise<CommitResult> {
    const data = parseInput(reservationSelectorSchema, input);
    return withLockRetry(ctx, () =>
      once(ctx, data.idempotencyKey, 'commit', async (trx) => {
        const selected = await this.select(trx, data, P.Reserve);
        // By reference: the reference's live reservations (an earlier, released hold of a cart does not block it).
        const rows = data.reference ? selected.filter((r) => r.status === 'active' || r.status === 'committed') : selected;
        if (rows.length === 0) throw errors.conflict('No active reservation to commit for this reference', 'RESERVATION_NOT_ACTIVE');
        const now = Date.now();
        const reservations: StockReservation[] = [];
        const movements: StockMovement[] = [];
        for (const row of rows) {
          if (row.status === 'committed') continue;
          const movement = await this.consume(trx, row, 'sale', now);
          if (!movement) {
            const current = (await trx.db(T.reservation).where('id', row.id).first('status')) as { status: string };
            if (current.status === 'committed') continue;
            throw errors.conflict(`Reservation ${row.id} is ${current.status}; only an active reservation can be committed`, 'RESERVATION_NOT_ACTIVE');
          }
          movements.push(movement);
          reservations.push(toReservation({ ...row, status: 'committed', ended_at: now }));
        }
        if (movements.length > 0) {
          const ref = { type: rows[0]!.reference_type, id: rows[0]!.reference_id };
          await this.events.publish(trx, 'inventory.sold', { lines: movements.map((m) => ({ variantId: m.variantId, locationId: m.locationId, quantity: -m.quantity })), reference: ref, platformId: rows[0]!.platform_id }, { platformId: rows[0]!.platform_id });
          await this.auditStaff(trx, 'inventory.reservation_committed', rows[0]!.request_id, { reservationIds: reservations.map((r) => r.id) });
        }
        return { reservations, movements };
      }),
    );
  }

  /** Cancels active reservations: the units become available again. Ended ones are left as they are. */
  async release(ctx: Ctx, input: ReservationSelector): Promise<StockReservation[]> {
    const data = parseInput(reservationSelectorSchema, input);
    return withLockRetry(ctx, () =>
      once(ctx, data.idempotencyKey, 'release', async (trx) => {
        const rows = await this.select(trx, data, P.Reserve);
        const released: StockReservation[] = [];
        for (const row of rows) {
          if (row.status === 'active' && (await this.releaseOne(trx, row, 'cancelled'))) released.push(toReservation({ ...row, status: 'released', ended_at: Date.now() }));
        }
        if (released.length > 0) await this.auditStaff(trx, 'inventory.reservation_released', rows[0]!.request_id, { reservationIds: released.map((r) => r.id) });
        return released;
      }),
    );
  }

  /**
   * Expires active reservations whose time is up (the recurring job): each in its own small
   * transaction, each released at most once however many workers run. Returns how many.
   */
  async expireDue(ctx: Ctx, now = Date.now(), batchSize = 500): Promise<number> {
    let expired = 0;
    for (;;) {
      const due = (await ctx.db(T.reservation).where('status', 'active').where('expires_at', '<=', now).orderBy('expires_at').limit(batchSize)) as ReservationRow[];
      for (const row of due) {
        if (await withLockRetry(ctx, () => inTransaction(ctx, (trx) => this.releaseOne(trx, row, 'expired')))) expired++;
      }
      if (due.length < batchSize) return expired;
    }
  }

  /** One reservation; NOT_FOUND when missing, FORBIDDEN outside the actor's locations. */
  async get(ctx: Ctx, id: string): Promise<StockReservation> {
    const row = (await ctx.db(T.reservation).where('id', id).first()) as ReservationRow | undefined;
    if (!row) throw errors.notFound('Reservation', id);
    authorizeAt(ctx, P.Read, row.location_id, true);
    return toReservation(row);
  }

  /** A page-less read of the reservations of a reference (for later modules). */
  async forReference(ctx: Ctx, reference: { type: string; id: string }): Promise<StockReservation[]> {
    const all = (await ctx.db(T.reservation).where({ reference_type: reference.type, reference_id: reference.id }).orderBy('id')) as ReservationRow[];
    // A front end sees its own platform's reservations only.
    const rows = isChannelCall(ctx) ? all.filter((r) => r.platform_id === ctx.platform!.id) : all;
    for (const row of rows) authorizeAt(ctx, P.Read, row.location_id, true);
    return rows.map(toReservation);
  }

  /** Ends one reservation if still active and gives its units back. True when this call ended it. */
  async releaseOne(trx: Ctx, row: ReservationRow, reason: ReleaseReason): Promise<boolean> {
    const now = Date.now();
    if (!(await this.end(trx, row.id, reason === 'expired' ? 'expired' : 'released', now))) return false;
    await levelStore.unreserve(trx.db, row.variant_id, row.location_id, Number(row.quantity), now);
    await checkLowStock(trx, this.events, row.variant_id, row.location_id, now);
    await this.events.publish(trx, 'inventory.released', {
      reservationId: row.id, variantId: row.variant_id, locationId: row.location_id, quantity: Number(row.quantity), reason,
      reference: { type: row.reference_type, id: row.reference_id },
    }, { platformId: row.platform_id });
    return true;
  }

  /** active → `status`, as a conditional update: true for exactly one caller. */
  private async end(trx: Ctx, id: string, status: 'committed' | 'released' | 'expired', now: number): Promise<boolean> {
    return (await trx.db(T.reservation).where({ id, status: 'active' }).update({ status, ended_at: now })) === 1;
  }

  private async select(trx: Ctx, data: { reservationIds?: string[] | null; reference?: { type: string; id: string } | null }, permission: typeof P.Reserve): Promise<ReservationRow[]> {
    const query = trx.db(T.reservation).orderBy('id');
    if (data.reservationIds?.length) query.whereIn('id', data.reservationIds);
    else query.where({ reference_type: data.reference!.type, reference_id: data.reference!.id });
    const rows = (await query) as ReservationRow[];
    if (data.reservationIds?.length) {
      const found = new Set(rows.map((r) => r.id));
      const missing = data.reservationIds.find((id) => !found.has(id));
      if (missing) throw errors.notFound('Reservation', missing);
    }
    for (const row of rows) {
      authorizeAt(trx, permission, row.location_id, true);
      if (isChannelCall(trx) && row.platform_id !== trx.platform!.id) throw errors.notFound('Reservation', row.id);
    }
    return rows;
  }

  private platformOf(ctx: Ctx, requested: string | null | undefined): string | null {
    if (isChannelCall(ctx)) {
      if (requested && requested !== ctx.platform!.id) throw errors.forbidden('A front end reserves for its own platform only', 'PLATFORM_MISMATCH');
      return ctx.platform!.id;
    }
    return requested ?? ctx.platform?.id ?? null;
  }

  /** The safety stock per line; with a platform, every location must be one it sells from. */
  private async safetyStocks(ctx: Ctx, platformId: string | null, lines: StockLineInput[]): Promise<number[]> {
    const sources = platformId ? await this.sources.forPlatform(ctx, platformId) : [];
    return lines.map((line, i) => {
      authorizeAt(ctx, P.Reserve, line.locationId, true);
      if (!platformId) return 0;
      const source = sources.find((s) => s.locationId === line.locationId);
      if (!source) {
        throw errors.badInput(`Platform ${platformId} does not sell from location ${line.locationId}`, [{ path: `lines.${i}.locationId`, message: 'is not one of the platform\'s locations' }], 'LOCATION_NOT_LINKED');
      }
      return source.safetyStock;
    });
  }

  private async auditStaff(trx: Ctx, action: string, entityId: string, after: Record<string, unknown>): Promise<void> {
    if (trx.actor?.kind === 'staff' || trx.actor?.kind === 'integration') {
      await this.audit.record(trx, { action, entityType: 'inventory_reservation', entityId, platformId: null, before: null, after });
    }
  }
}
