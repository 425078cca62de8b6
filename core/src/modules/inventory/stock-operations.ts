import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { once } from './idempotency.js';
import { authorizeAt, isChannelCall } from './inventory-access.js';
import {
  adjustSchema, countSchema, mergeLines, parseInput, receiveSchema, refOrNull, sellSchema, thresholdSchema,
  type AdjustInput, type CountInput, type ReceiveInput, type SellInput, type StockLineInput, type ThresholdInput,
} from './inventory.inputs.js';
import { InventoryPermission as P } from './inventory.permissions.js';
import { toLevel, type StockLevel, type StockMovement, type StockReference } from './inventory.records.js';
import { InventoryTokens } from './inventory.tokens.js';
import { levelStore } from './level-store.js';
import { checkLowStock } from './low-stock.js';
import { outOfStock } from './out-of-stock.js';
import { bookMovement, ensureLevel, type Booked } from './stock-ledger.js';
import { StockSourcesToken, type StockSources } from './stock-sources.js';
import { withLockRetry } from './write-retry.js';

/** A movement and the level after it. */
export interface StockChange {
  movement: StockMovement;
  level: StockLevel;
}

/** What `count` returns: the correction booked (null when the count matched) and the level. */
export interface CountResult {
  movement: StockMovement | null;
  level: StockLevel;
}

/** Attempts of the compare-and-set a count makes when stock moves under it. */
const COUNT_ATTEMPTS = 20;

/**
 * Staff and POS operations on on-hand stock, each booked as ledger movements in one
 * transaction with the level change: receipts, adjustments and damage, counts, sales
 * (including offline sales allowed below zero) and low-stock thresholds.
 */
@injectable()
export class StockOperations {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(InventoryTokens.Audit) private readonly audit: AuditLog,
    @inject(StockSourcesToken) private readonly sources: StockSources,
  ) {}

  /** Books received goods (`receipt`, +quantity). Needs `inventory.receive` at the location. */
  async receive(ctx: Ctx, input: ReceiveInput): Promise<StockChange> {
    const data = parseInput(receiveSchema, input);
    authorizeAt(ctx, P.Receive, data.locationId);
    return withLockRetry(ctx, () =>
      once(ctx, data.idempotencyKey, 'receive', async (trx) => {
        const booked = (await bookMovement(trx, this.events, { ...data, kind: 'receipt', reference: refOrNull(data.reference) }, { now: Date.now() }))!;
        await this.events.publish(trx, 'inventory.received', { variantId: data.variantId, locationId: data.locationId, quantity: data.quantity, onHand: booked.level.onHand, movementId: booked.movement.id, reference: refOrNull(data.reference) });
        await this.record(trx, 'inventory.received', booked);
        return booked;
      }),
    );
  }

  /** A signed correction (`adjustment`) or a write-off (`damage`); on hand may not go below 0. */
  async adjust(ctx: Ctx, input: AdjustInput): Promise<StockChange> {
    const data = parseInput(adjustSchema, input);
    authorizeAt(ctx, P.Adjust, data.locationId);
    return withLockRetry(ctx, () =>
      once(ctx, data.idempotencyKey, 'adjust', async (trx) => {
        const booked = await bookMovement(trx, this.events, { variantId: data.variantId, locationId: data.locationId, kind: data.kind, quantity: data.delta, reason: data.reason }, { guard: { nonNegative: true }, now: Date.now() });
        if (!booked) {
          throw errors.badInput('This adjustment would leave on hand below zero; count the stock instead', [{ path: 'delta', message: 'would make on hand negative' }], 'ON_HAND_NEGATIVE');
        }
        await this.publishAdjusted(trx, booked);
        await this.record(trx, `inventory.${data.kind === 'damage' ? 'damaged' : 'adjusted'}`, booked);
        return booked;
      }),
    );
  }

  /**
   * Sets on hand to a counted quantity, booking the difference as a `count_correction`. The
   * difference is taken against the on hand the write replaces (compare-and-set), so a sale
   * landing during the count is not lost.
   */
  async count(ctx: Ctx, input: CountInput): Promise<CountResult> {
    const data = parseInput(countSchema, input);
    authorizeAt(ctx, P.Count, data.locationId);
    return withLockRetry(ctx, () =>
      once(ctx, data.idempotencyKey, 'count', async (trx) => {
        const now = Date.now();
        await ensureLevel(trx, data.variantId, data.locationId, now);
        for (let attempt = 0; attempt < COUNT_ATTEMPTS; attempt++) {
          const before = toLevel((await levelStore.read(trx.db, data.variantId, data.locationId))!);
          const difference = data.countedQuantity - before.onHand;
          if (difference === 0) return { movement: null, level: before };
          const booked = await this.casCount(trx, data, before.onHand, difference, now);
          if (!booked) continue;
          await this.publishAdjusted(trx, booked);
          await this.record(trx, 'inventory.counted', booked, { onHand: before.onHand });
          return booked;
        }
        throw errors.conflict('Stock kept moving while counting; try again', 'COUNT_CONTENDED');
      }),
    );
  }

  /**
   * Records a sale of units that were not reserved (a POS ticket). Every line must be
   * available after the platform's safety stock — or, with `allowNegative` (a POS syncing
   * sales made offline), the sale is recorded whatever the stock, and a level left below zero
   * raises `inventory.negative_stock`. All lines or none.
   */
  async sell(ctx: Ctx, input: SellInput): Promise<StockChange[]> {
    const data = parseInput(sellSchema, input);
    const platformId = isChannelCall(ctx) ? ctx.platform!.id : (data.platformId ?? ctx.platform?.id ?? null);
    const lines = mergeLines(data.lines);
    for (const line of lines) authorizeAt(ctx, P.Reserve, line.locationId, true);
    const safety = await this.safetyStocks(ctx, platformId, lines, Boolean(data.allowNegative));
    const reference = refOrNull(data.reference);
    return withLockRetry(ctx, () =>
      once(ctx, data.idempotencyKey, 'sell', async (trx) => {
        const now = Date.now();
        const changes: StockChange[] = [];
        const short: { line: StockLineInput; safetyStock: number }[] = [];
        for (const [i, line] of lines.entries()) {
          const guard = data.allowNegative ? undefined : { available: { safetyStock: safety[i]! } };
          const key = data.idempotencyKey ? `${data.idempotencyKey}#${i}` : null;
          const booked = await bookMovement(trx, this.events, { ...line, kind: 'sale', quantity: -line.quantity, platformId, reference, idempotencyKey: key }, { guard, now });
          if (!booked) short.push({ line, safetyStock: safety[i]! });
          else changes.push(booked);
        }
        if (short.length > 0) throw await outOfStock(trx.db, short);
        for (const { movement, level } of changes) {
          if (level.onHand < 0) {
            await this.events.publish(trx, 'inventory.negative_stock', { variantId: level.variantId, locationId: level.locationId, onHand: level.onHand, movementId: movement.id, platformId, reference }, { platformId });
          }
        }
        await this.events.publish(trx, 'inventory.sold', { lines: lines.map(({ variantId, locationId, quantity }) => ({ variantId, locationId, quantity })), reference, platformId }, { platformId });
        if (!isChannelCall(trx)) for (const change of changes) await this.record(trx, 'inventory.sold', change);
        return changes;
      }),
    );
  }

  /**
   * Puts units back on hand as a `return` movement (an order cancelled or reduced before it
   * left: the sold units are back on the shelf), in the caller's transaction. No permission
   * check: the calling module (orders) checks its own.
   */
  async restock(ctx: Ctx, input: { variantId: string; locationId: string; quantity: number; platformId?: string | null; reference?: StockReference | null; reason?: string | null }): Promise<StockChange> {
    if (!Number.isInteger(input.quantity) || input.quantity <= 0) throw errors.badInput('Restocked quantities are positive whole numbers', [{ path: 'quantity', message: 'must be a positive whole number' }]);
    return (await bookMovement(ctx, this.events, { variantId: input.variantId, locationId: input.locationId, kind: 'return', quantity: input.quantity, reason: input.reason ?? null, platformId: input.platformId ?? null, reference: input.reference ?? null }, { now: Date.now() }))!;
  }

  /** Sets (or clears, with null) the low-stock threshold of a level. Needs `inventory.adjust`. */
  async setLowStockThreshold(ctx: Ctx, input: ThresholdInput): Promise<StockLevel> {
    const data = parseInput(thresholdSchema, input);
    authorizeAt(ctx, P.Adjust, data.locationId);
    return withLockRetry(ctx, () =>
      once(ctx, null, 'threshold', async (trx) => {
        const now = Date.now();
        await ensureLevel(trx, data.variantId, data.locationId, now);
        const before = toLevel((await levelStore.read(trx.db, data.variantId, data.locationId))!);
        await levelStore.setThreshold(trx.db, data.variantId, data.locationId, data.threshold, now);
        const level = (await checkLowStock(trx, this.events, data.variantId, data.locationId, now))!;
        await this.audit.record(trx, { action: 'inventory.threshold_set', entityType: 'inventory_level', entityId: `${data.variantId}@${data.locationId}`, before: { lowStockThreshold: before.lowStockThreshold }, after: { lowStockThreshold: data.threshold } });
        return level;
      }),
    );
  }

  private casCount(trx: Ctx, data: { variantId: string; locationId: string; reason?: string | null; idempotencyKey?: string | null }, seen: number, difference: number, now: number): Promise<Booked | null> {
    return bookMovement(trx, this.events, {
      variantId: data.variantId, locationId: data.locationId, kind: 'count_correction', quantity: difference,
      reason: data.reason ?? 'Stock count', idempotencyKey: data.idempotencyKey ?? null,
    }, { guard: { onHandIs: seen }, now });
  }

  private async safetyStocks(ctx: Ctx, platformId: string | null, lines: StockLineInput[], allowNegative: boolean): Promise<number[]> {
    if (!platformId) return lines.map(() => 0);
    const sources = await this.sources.forPlatform(ctx, platformId);
    return lines.map((line, i) => {
      const source = sources.find((s) => s.locationId === line.locationId);
      if (!source && isChannelCall(ctx)) {
        throw errors.badInput(`Platform ${platformId} does not sell from location ${line.locationId}`, [{ path: `lines.${i}.locationId`, message: 'is not one of the platform\'s locations' }], 'LOCATION_NOT_LINKED');
      }
      return allowNegative ? 0 : (source?.safetyStock ?? 0);
    });
  }

  private async publishAdjusted(trx: Ctx, { movement, level }: Booked): Promise<void> {
    await this.events.publish(trx, 'inventory.adjusted', { variantId: movement.variantId, locationId: movement.locationId, kind: movement.kind, quantity: movement.quantity, onHand: level.onHand, movementId: movement.id });
  }

  private async record(trx: Ctx, action: string, { movement, level }: Booked, before: Record<string, unknown> | null = null): Promise<void> {
    await this.audit.record(trx, {
      action, entityType: 'inventory_level', entityId: `${movement.variantId}@${movement.locationId}`, platformId: movement.platformId,
      before, after: { movementId: movement.id, kind: movement.kind, quantity: movement.quantity, onHand: level.onHand, reserved: level.reserved },
    });
  }
}
