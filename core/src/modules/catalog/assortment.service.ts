import { inject, injectable } from 'tsyringe';
import type { AuditLog } from '../../kernel/audit-log.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { errors, PlazaError } from '../../kernel/errors.js';
import { Tokens } from '../../kernel/tokens.js';
import type { EventBus } from '../../events/event-bus.js';
import { inTransaction } from '../../db/transaction.js';
import { PlatformService } from '../platforms/index.js';
import { CatalogPermission as P } from './catalog.permissions.js';
import { CatalogTables as T } from './catalog.tables.js';
import { toProduct, type Product, type ProductRow } from './catalog.records.js';
import { CatalogTokens } from './catalog.tokens.js';

/** Input of `publishProduct` / `unpublishProduct`. */
export interface AssortmentInput {
  productId: string;
  platformIds: string[];
}

/**
 * The assortment: which platforms a product is published to. A channel shows a product only
 * when it is active and published to the request's platform. Publishing and withdrawing need
 * `catalog.publish` on each platform.
 */
@injectable()
export class AssortmentService {
  constructor(
    @inject(Tokens.EventBus) private readonly events: EventBus,
    @inject(CatalogTokens.Audit) private readonly audit: AuditLog,
    @inject(PlatformService) private readonly platforms: PlatformService,
  ) {}

  /** Publishes a product to platforms (already published ones are left alone). */
  publish(ctx: Ctx, input: AssortmentInput): Promise<Product> {
    return this.change(ctx, input, true);
  }

  /** Withdraws a product from platforms. */
  unpublish(ctx: Ctx, input: AssortmentInput): Promise<Product> {
    return this.change(ctx, input, false);
  }

  /** The platform ids a product is published to, with the time. Needs `catalog.read`. */
  async platformsOf(ctx: Ctx, productId: string): Promise<{ platformId: string; publishedAt: Date }[]> {
    requirePermission(ctx, P.Read);
    const rows = (await ctx.db(T.productPlatform).where('product_id', productId).orderBy('platform_id').select('platform_id', 'published_at')) as { platform_id: string; published_at: number | string }[];
    return rows.map((r) => ({ platformId: r.platform_id, publishedAt: new Date(Number(r.published_at)) }));
  }

  private async change(ctx: Ctx, input: AssortmentInput, publish: boolean): Promise<Product> {
    const platformIds = [...new Set(input?.platformIds ?? [])];
    if (platformIds.length === 0) throw errors.badInput('Name at least one platform', [{ path: 'platformIds', message: 'must list at least one platform' }], 'CATALOG_INPUT_INVALID');
    for (const platformId of platformIds) requirePermission(ctx, P.Publish, { platformId });
    return inTransaction(ctx, async (trx) => {
      const row = (await trx.db(T.product).where('id', input.productId).first()) as ProductRow | undefined;
      if (!row) throw errors.notFound('Product', input.productId);
      const missing = await this.platforms.missing(trx, platformIds);
      if (missing.length) {
        throw new PlazaError('BAD_USER_INPUT', `No such platform: ${missing.join(', ')}`, { reason: 'PLATFORM_UNKNOWN', fields: platformIds.flatMap((id, i) => (missing.includes(id) ? [{ path: `platformIds.${i}`, message: 'is not a platform' }] : [])) });
      }
      const current = new Set(((await trx.db(T.productPlatform).where('product_id', row.id).whereIn('platform_id', platformIds).select('platform_id')) as { platform_id: string }[]).map((r) => r.platform_id));
      const now = Date.now();
      for (const platformId of platformIds) {
        if (publish === current.has(platformId)) continue;
        if (publish) await trx.db(T.productPlatform).insert({ product_id: row.id, platform_id: platformId, published_at: now });
        else await trx.db(T.productPlatform).where({ product_id: row.id, platform_id: platformId }).delete();
        const action = publish ? 'product.published' : 'product.unpublished';
        await this.audit.record(trx, { action, entityType: 'product', entityId: row.id, platformId, before: { published: !publish }, after: { published: publish } });
        await this.events.publish(trx, action, { productId: row.id, handle: row.handle, platformId }, { platformId });
      }
      return toProduct(row);
    });
  }
}
