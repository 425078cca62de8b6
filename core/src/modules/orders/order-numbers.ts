import { injectable } from 'tsyringe';
import { inTransaction } from '../../db/transaction.js';
import type { Ctx } from '../../kernel/context.js';
import { errors } from '../../kernel/errors.js';
import { PlatformTables } from '../platforms/platform.migrations.js';
import { OrderTables as T } from './order.migrations.js';

/** The default prefix of a platform's order numbers: its code, upper case, alphanumerics only, at most 8, then `-`. */
export function defaultPrefix(platformCode: string): string {
  const core = platformCode.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8);
  return `${core || 'ORD'}-`;
}

/** A number as people read it: prefix + the value zero-padded to 6 digits (WEBES-000001). */
export function formatNumber(prefix: string, value: number): string {
  return `${prefix}${String(value).padStart(6, '0')}`;
}

const PREFIX = /^[A-Z0-9-]{1,12}$/;

/**
 * Order numbers per platform. Allocation is one conditional UPDATE (next_value + 1, RETURNING),
 * which both databases serialise on the row, so concurrent placements get distinct,
 * consecutive numbers; the row is created on first use (insert, ignore on conflict).
 */
@injectable()
export class OrderNumbers {
  /** Takes the next number of the platform, in the caller's transaction. */
  async allocate(trx: Ctx, platformId: string): Promise<string> {
    const taken = await this.bump(trx, platformId);
    if (taken) return taken;
    const platform = (await trx.db(PlatformTables.platform).where('id', platformId).first('code')) as { code: string } | undefined;
    if (!platform) throw errors.badInput(`Platform ${platformId} does not exist`, [{ path: 'platformId', message: 'does not exist' }], 'PLATFORM_UNKNOWN');
    await trx.db(T.numberSequence).insert({ platform_id: platformId, prefix: defaultPrefix(platform.code), next_value: 1 }).onConflict('platform_id').ignore();
    return (await this.bump(trx, platformId))!;
  }

  /** Sets the prefix of later numbers (1–12 characters of A-Z, 0-9 and `-`). Permission checked by the caller. */
  async setPrefix(ctx: Ctx, platformId: string, prefix: string): Promise<string> {
    const wanted = prefix.trim().toUpperCase();
    if (!PREFIX.test(wanted)) throw errors.badInput('The prefix must be 1 to 12 characters of A-Z, 0-9 and -', [{ path: 'prefix', message: 'must be 1-12 characters of A-Z, 0-9 and -' }], 'PREFIX_INVALID');
    return inTransaction(ctx, async (trx) => {
      const platform = (await trx.db(PlatformTables.platform).where('id', platformId).first('id')) as { id: string } | undefined;
      if (!platform) throw errors.notFound('Platform', platformId);
      await trx.db(T.numberSequence).insert({ platform_id: platformId, prefix: wanted, next_value: 1 }).onConflict('platform_id').merge(['prefix']);
      return wanted;
    });
  }

  /** The prefix the next number gets. */
  async prefixOf(ctx: Ctx, platformId: string): Promise<string> {
    const row = (await ctx.db(T.numberSequence).where('platform_id', platformId).first('prefix')) as { prefix: string } | undefined;
    if (row) return row.prefix;
    const platform = (await ctx.db(PlatformTables.platform).where('id', platformId).first('code')) as { code: string } | undefined;
    if (!platform) throw errors.notFound('Platform', platformId);
    return defaultPrefix(platform.code);
  }

  private async bump(trx: Ctx, platformId: string): Promise<string | null> {
    const rows = (await trx.db(T.numberSequence)
      .where('platform_id', platformId)
      .update({ next_value: trx.db.raw('next_value + 1') })
      .returning(['prefix', 'next_value'])) as { prefix: string; next_value: string | number }[];
    const row = rows[0];
    return row ? formatNumber(row.prefix, Number(row.next_value) - 1) : null;
  }
}
