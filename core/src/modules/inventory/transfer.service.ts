import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { can, permissionScope, requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../../gateway/connection.js';
import { once } from './idempotency.js';
import { mergeLines, parseInput } from './inventory.inputs.js';
import { InventoryPermission as P } from './inventory.permissions.js';
import type { ReservationRow, StockMovement } from './inventory.records.js';
import { InventoryTables as T } from './inventory.tables.js';
import { InventoryTokens } from './inventory.tokens.js';
import { bookMovement, isForeignKeyViolation } from './stock-ledger.js';
import { StockReservations } from './stock-reservations.js';
import { createTransferSchema, receiveTransferSchema, toTransfer, type CreateTransferInput, type ReceiveTransferInput, type StockTransfer, type TransferLineRow, type TransferRow, type TransferStatus } from './transfer.records.js';
import { withLockRetry } from './write-retry.js';

/** Filters of the transfers list. */
export interface TransferFilter {
  status?: TransferStatus | null;
  /** Transfers from or to this location. */
  locationId?: string | null;
}

/**
 * Transfers between locations. Requesting one reserves its units at the source (reference
 * `transfer`), so channels cannot sell them; shipping turns those reservations into
 * `transfer_out` movements; receiving books `transfer_in` at the destination, in parts if
 * need be (`partially_received` until every unit arrived). A requested transfer can be
 * cancelled (its reservations are released); a shipped one cannot.
 */
@injectable()
export class TransferService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(InventoryTokens.Audit) private readonly audit: AuditLog,
    @inject(StockReservations) private readonly reservations: StockReservations,
  ) {}

  /** Requests a transfer and reserves its units at the source (OUT_OF_STOCK when they are not there). */
  async create(ctx: Ctx, input: CreateTransferInput): Promise<StockTransfer> {
    const data = parseInput(createTransferSchema, input);
    this.requireEither(ctx, data.sourceLocationId, data.destinationLocationId);
    return withLockRetry(ctx, () =>
      once(ctx, data.idempotencyKey, 'transfer.create', async (trx) => {
        const now = Date.now();
        const row: TransferRow = {
          id: newId('itr'), source_location_id: data.sourceLocationId, destination_location_id: data.destinationLocationId, status: 'requested',
          note: data.note ?? null, created_by: trx.actor?.id ?? 'system', created_at: now, updated_at: now, shipped_at: null, received_at: null,
        };
        const lines: TransferLineRow[] = data.lines.map((l) => ({ transfer_id: row.id, variant_id: l.variantId, quantity: l.quantity, quantity_received: 0 }));
        try {
          await trx.db(T.transfer).insert(row);
          await trx.db(T.transferLine).insert(lines);
        } catch (error) {
          if (!isForeignKeyViolation(error)) throw error;
          throw new PlazaError('BAD_USER_INPUT', 'A location or variant of this transfer does not exist', { reason: 'INVENTORY_TARGET_UNKNOWN', fields: [{ path: 'lines', message: 'a location or variant does not exist' }], cause: error });
        }
        const held = mergeLines(data.lines.map((l) => ({ ...l, locationId: data.sourceLocationId })));
        await this.reservations.hold(trx, held, held.map(() => 0), { reference: { type: 'transfer', id: row.id }, platformId: null, expiresAt: null });
        return this.finish(trx, row, lines, 'requested', null);
      }),
    );
  }

  /** Ships a requested transfer: its reservations become transfer_out movements at the source. */
  async ship(ctx: Ctx, transferId: string, idempotencyKey?: string | null): Promise<StockTransfer> {
    return withLockRetry(ctx, () =>
      once(ctx, idempotencyKey, 'transfer.ship', async (trx) => {
        const { row, lines } = await this.load(trx, transferId);
        requirePermission(trx, P.Transfer, { locationId: row.source_location_id });
        const now = Date.now();
        await this.move(trx, row, ['requested'], { status: 'shipped', shipped_at: now, updated_at: now });
        const held = (await trx.db(T.reservation).where({ reference_type: 'transfer', reference_id: row.id, status: 'active' })) as ReservationRow[];
        for (const reservation of held) await this.reservations.consume(trx, reservation, 'transfer_out', now);
        return this.finish(trx, { ...row, status: 'shipped', shipped_at: now, updated_at: now }, lines, 'shipped', row.status);
      }),
    );
  }

  /** Books what arrived at the destination (transfer_in); more than remains is BAD_USER_INPUT. */
  async receive(ctx: Ctx, input: ReceiveTransferInput): Promise<StockTransfer> {
    const data = parseInput(receiveTransferSchema, input);
    return withLockRetry(ctx, () =>
      once(ctx, data.idempotencyKey, 'transfer.receive', async (trx) => {
        const { row } = await this.load(trx, data.transferId);
        requirePermission(trx, P.Transfer, { locationId: row.destination_location_id });
        if (row.status !== 'shipped' && row.status !== 'partially_received') {
          throw errors.conflict(`Transfer ${row.id} is ${row.status}; only a shipped transfer can be received`, 'TRANSFER_NOT_SHIPPED');
        }
        const now = Date.now();
        const movements: StockMovement[] = [];
        for (const [i, line] of data.lines.entries()) {
          const taken = await trx.db(T.transferLine)
            .where({ transfer_id: row.id, variant_id: line.variantId })
            .whereRaw('quantity_received + ? <= quantity', [line.quantity])
            .update({ quantity_received: trx.db.raw('quantity_received + ?', [line.quantity]) });
          if (taken !== 1) {
            throw errors.badInput(`Transfer ${row.id} does not have ${line.quantity} unit(s) of ${line.variantId} left to receive`, [{ path: `lines.${i}.quantity`, message: 'is more than remains to receive' }], 'TRANSFER_OVER_RECEIVED');
          }
          const booked = await bookMovement(trx, this.events, { variantId: line.variantId, locationId: row.destination_location_id, kind: 'transfer_in', quantity: line.quantity, reference: { type: 'transfer', id: row.id } }, { now });
          movements.push(booked!.movement);
        }
        const lines = (await trx.db(T.transferLine).where('transfer_id', row.id).orderBy('variant_id')) as TransferLineRow[];
        const complete = lines.every((l) => Number(l.quantity_received) >= Number(l.quantity));
        const status: TransferStatus = complete ? 'received' : 'partially_received';
        const changes = { status, updated_at: now, received_at: complete ? now : null };
        await this.move(trx, row, ['shipped', 'partially_received'], changes);
        return this.finish(trx, { ...row, ...changes }, lines, 'received', row.status, movements.map((m) => ({ variantId: m.variantId, locationId: m.locationId, quantity: m.quantity })));
      }),
    );
  }

  /** Cancels a transfer that has not shipped; its reserved units become available again. */
  async cancel(ctx: Ctx, transferId: string): Promise<StockTransfer> {
    return withLockRetry(ctx, () =>
      once(ctx, null, 'transfer.cancel', async (trx) => {
        const { row, lines } = await this.load(trx, transferId);
        this.requireEither(trx, row.source_location_id, row.destination_location_id);
        const now = Date.now();
        await this.move(trx, row, ['requested'], { status: 'cancelled', updated_at: now });
        const held = (await trx.db(T.reservation).where({ reference_type: 'transfer', reference_id: row.id, status: 'active' })) as ReservationRow[];
        for (const reservation of held) await this.reservations.releaseOne(trx, reservation, 'cancelled');
        return this.finish(trx, { ...row, status: 'cancelled', updated_at: now }, lines, 'cancelled', row.status);
      }),
    );
  }

  /** One transfer. Needs `inventory.read` at its source or destination. */
  async get(ctx: Ctx, transferId: string): Promise<StockTransfer> {
    const { row, lines } = await this.load(ctx, transferId);
    if (!can(ctx.actor, P.Read, { locationId: row.source_location_id }) && !can(ctx.actor, P.Read, { locationId: row.destination_location_id })) {
      requirePermission(ctx, P.Read, { locationId: row.source_location_id });
    }
    return toTransfer(row, lines);
  }

  /** A page of transfers from or to the locations the actor may read, newest first. */
  async list(ctx: Ctx, args: PageArgs & { filter?: TransferFilter | null }): Promise<Connection<StockTransfer>> {
    const actor = requirePermission(ctx, P.Read);
    const scope = permissionScope(actor, P.Read);
    const { size, afterKey } = readPageArgs(args);
    const query = ctx.db(T.transfer).select('*');
    if (!scope.all && !scope.unscopedLocations) {
      const ids = [...scope.locationIds];
      query.where((q) => q.whereIn('source_location_id', ids).orWhereIn('destination_location_id', ids));
    }
    const filter = args.filter ?? {};
    if (filter.status) query.where('status', filter.status);
    if (filter.locationId) query.where((q) => q.where('source_location_id', filter.locationId!).orWhere('destination_location_id', filter.locationId!));
    if (afterKey) query.where('id', '<', afterKey);
    const rows = (await query.orderBy('id', 'desc').limit(size + 1)) as TransferRow[];
    const lines = rows.length === 0 ? [] : ((await ctx.db(T.transferLine).whereIn('transfer_id', rows.map((r) => r.id)).orderBy('variant_id')) as TransferLineRow[]);
    return toConnection(rows.map((r) => toTransfer(r, lines.filter((l) => l.transfer_id === r.id))), size, (t) => t.id);
  }

  private requireEither(ctx: Ctx, source: string, destination: string): void {
    if (can(ctx.actor, P.Transfer, { locationId: source }) || can(ctx.actor, P.Transfer, { locationId: destination })) return;
    requirePermission(ctx, P.Transfer, { locationId: destination });
  }

  private async load(ctx: Ctx, transferId: string): Promise<{ row: TransferRow; lines: TransferLineRow[] }> {
    const row = (await ctx.db(T.transfer).where('id', transferId).first()) as TransferRow | undefined;
    if (!row) throw errors.notFound('Transfer', transferId);
    const lines = (await ctx.db(T.transferLine).where('transfer_id', transferId).orderBy('variant_id')) as TransferLineRow[];
    return { row, lines };
  }

  /** Moves the transfer's status from one of `from` (a conditional update: concurrent calls cannot both move it). */
  private async move(trx: Ctx, row: TransferRow, from: TransferStatus[], changes: Partial<TransferRow>): Promise<void> {
    const moved = await trx.db(T.transfer).where('id', row.id).whereIn('status', from).update(changes);
    if (moved !== 1) {
      const current = (await trx.db(T.transfer).where('id', row.id).first('status')) as { status: string };
      throw errors.conflict(`Transfer ${row.id} is ${current.status}; this needs it to be ${from.join(' or ')}`, 'TRANSFER_STATE');
    }
  }

  private async finish(trx: Ctx, row: TransferRow, lines: TransferLineRow[], verb: 'requested' | 'shipped' | 'received' | 'cancelled', before: TransferStatus | null, received?: { variantId: string; locationId: string; quantity: number }[]): Promise<StockTransfer> {
    const transfer = toTransfer(row, lines);
    const payload = { transferId: row.id, sourceLocationId: row.source_location_id, destinationLocationId: row.destination_location_id, status: row.status };
    await this.events.publish(trx, `inventory.transfer.${verb}`, verb === 'received' ? { ...payload, lines: received ?? [] } : payload);
    await this.audit.record(trx, { action: `inventory.transfer.${verb}`, entityType: 'inventory_transfer', entityId: row.id, before: before ? { status: before } : null, after: { status: row.status, lines: transfer.lines } });
    return transfer;
  }
}
