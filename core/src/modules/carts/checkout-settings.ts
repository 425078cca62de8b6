import { z } from 'zod';
import { SnapshotCache } from '../../db/snapshot-cache.js';
import { afterCommit, inTransaction } from '../../db/transaction.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { parseInput } from '../../kernel/field-errors.js';
import { CartTables as T } from './cart.migrations.js';
import { CartPermission } from './cart.permissions.js';

/** How a platform checks out. */
export interface CheckoutSettings {
  platformId: string;
  /** Are the platform's prices tax-inclusive (B2C) or exclusive (B2B)? */
  pricesIncludeTax: boolean;
  /** How long startCheckout holds stock. */
  reservationTtlMinutes: number;
  /** `sale`: capture at placement; `authorize`: hold the money, capture at fulfilment. */
  paymentCapture: 'sale' | 'authorize';
  /** The storefront's base URL for payment links (falls back to config `storefrontUrl`). */
  storefrontUrl: string | null;
}

interface SettingsRow {
  platform_id: string;
  prices_include_tax: boolean | number;
  reservation_ttl_minutes: number;
  payment_capture: string;
  storefront_url: string | null;
}

const toSettings = (row: SettingsRow): CheckoutSettings => ({
  platformId: row.platform_id,
  pricesIncludeTax: Boolean(row.prices_include_tax),
  reservationTtlMinutes: Number(row.reservation_ttl_minutes),
  paymentCapture: row.payment_capture === 'authorize' ? 'authorize' : 'sale',
  storefrontUrl: row.storefront_url,
});

/** Defaults of a platform that never saved settings. */
export const defaultCheckoutSettings = (platformId: string): CheckoutSettings => ({ platformId, pricesIncludeTax: true, reservationTtlMinutes: 15, paymentCapture: 'sale', storefrontUrl: null });

/** Input of `setCheckoutSettings`. */
export const checkoutSettingsInput = z.object({
  platformId: z.string().min(1, 'is required'),
  pricesIncludeTax: z.boolean().optional(),
  reservationTtlMinutes: z.number().int('must be a whole number').min(1, 'must be at least 1').max(24 * 60, 'must be at most 1440').optional(),
  paymentCapture: z.enum(['sale', 'authorize'], 'must be SALE or AUTHORIZE').optional(),
  storefrontUrl: z.string().trim().url('must be an absolute URL').max(500).nullish(),
});
/** Input of `setCheckoutSettings`. */
export type CheckoutSettingsInput = z.input<typeof checkoutSettingsInput>;

/**
 * Checkout settings per platform, in memory (a tiny table, read on every cart write without
 * SQL; writes here invalidate it after commit, other instances see changes within 30 s).
 */
export class CheckoutSettingsService {
  private readonly cache = new SnapshotCache<Map<string, CheckoutSettings>>(
    async (ctx) => new Map(((await ctx.db(T.settings).select('*')) as SettingsRow[]).map((r) => [r.platform_id, toSettings(r)])),
    { readThroughInTransactions: false },
  );

  /** A platform's settings (defaults when never set). No permission: checkout reads them. */
  async get(ctx: Ctx, platformId: string): Promise<CheckoutSettings> {
    return (await this.cache.get(ctx)).get(platformId) ?? defaultCheckoutSettings(platformId);
  }

  /** {@link get} for staff: `platforms.manage` on the platform. */
  async read(ctx: Ctx, platformId: string): Promise<CheckoutSettings> {
    requirePermission(ctx, CartPermission.Settings, { platformId });
    return this.get(ctx, platformId);
  }

  /** Changes a platform's settings (only the fields given). Needs `platforms.manage` on it. */
  async set(ctx: Ctx, raw: CheckoutSettingsInput): Promise<CheckoutSettings> {
    const input = parseInput(checkoutSettingsInput, raw, 'checkout settings', 'CHECKOUT_SETTINGS_INVALID');
    requirePermission(ctx, CartPermission.Settings, { platformId: input.platformId });
    return inTransaction(ctx, async (trx) => {
      const current = ((await trx.db(T.settings).where('platform_id', input.platformId).first()) as SettingsRow | undefined) ?? null;
      const base = current ? toSettings(current) : defaultCheckoutSettings(input.platformId);
      const next: CheckoutSettings = {
        platformId: input.platformId,
        pricesIncludeTax: input.pricesIncludeTax ?? base.pricesIncludeTax,
        reservationTtlMinutes: input.reservationTtlMinutes ?? base.reservationTtlMinutes,
        paymentCapture: input.paymentCapture ?? base.paymentCapture,
        storefrontUrl: input.storefrontUrl === undefined ? base.storefrontUrl : input.storefrontUrl,
      };
      await trx
        .db(T.settings)
        .insert({ platform_id: next.platformId, prices_include_tax: next.pricesIncludeTax, reservation_ttl_minutes: next.reservationTtlMinutes, payment_capture: next.paymentCapture, storefront_url: next.storefrontUrl, updated_at: Date.now() })
        .onConflict('platform_id')
        .merge();
      afterCommit(trx.db, () => this.cache.invalidate());
      this.cache.invalidate();
      return next;
    });
  }
}
