import { inject, injectable } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import { PlazaError, type FieldError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { CatalogService } from '../catalog/index.js';
import { LocationService, type StockLocation } from '../inventory/locations/index.js';
import { CustomerGroupResolverToken, type CustomerGroupResolver } from '../pricing/customer-groups.js';
import { VariantPriceResolver } from '../pricing/variant-price.resolver.js';
import { ShippingService } from '../shipping/index.js';
import { TaxService } from '../tax/index.js';
import type { Destination } from '../tax/zone-match.js';
import { CartAdjusters } from './cart-adjusters.js';
import { applyAdjustments, taxInputs, totalsFrom } from './cart-totals.js';
import type { Cart, CartLine } from './cart.records.js';
import { CheckoutSettingsService } from './checkout-settings.js';

/** A variant as a new cart line needs it. */
export interface LineSeed {
  variantId: string;
  quantity: number;
}

function notAvailable(fields: FieldError[]): PlazaError {
  return new PlazaError('BAD_USER_INPUT', 'Some products are not available on this platform', { reason: 'VARIANT_NOT_AVAILABLE', fields });
}

/**
 * Prices a cart: unit prices from the platform's price list (the customer's groups), the
 * adjusters' discounts, tax for the destination (per-line rounding) and the chosen shipping
 * method's price. Runs OUTSIDE the write transaction so the in-memory caches (pricing, tax
 * zones, shipping zones, checkout settings, platform locations) serve it without SQL; the
 * write then checks the cart's version.
 */
@injectable()
export class CartPricer {
  constructor(
    @inject(VariantPriceResolver) private readonly prices: VariantPriceResolver,
    @inject(CatalogService) private readonly catalog: CatalogService,
    @inject(TaxService) private readonly tax: TaxService,
    @inject(ShippingService) private readonly shipping: ShippingService,
    @inject(LocationService) private readonly locations: LocationService,
    @inject(CheckoutSettingsService) private readonly settings: CheckoutSettingsService,
    @inject(CartAdjusters) private readonly adjusters: CartAdjusters,
    @inject(CustomerGroupResolverToken) private readonly groups: CustomerGroupResolver,
  ) {}

  /**
   * New lines for `seeds` (merged into `lines` when the variant is already there): checks the
   * variants exist, are active and published on the platform. `path` names the input list.
   */
  async addLines(ctx: Ctx, cart: Cart, lines: CartLine[], seeds: readonly LineSeed[], path: string): Promise<CartLine[]> {
    const next = lines.map((l) => ({ ...l }));
    const fresh = seeds.filter((s) => !next.some((l) => l.variantId === s.variantId));
    const variants = await this.catalog.variantsByIds(ctx, [...new Set(fresh.map((s) => s.variantId))]);
    const byId = new Map(variants.filter((v) => v !== null).map((v) => [v.id, v]));
    const published = fresh.length === 0 ? new Set<string>() : new Set((await this.catalog.channelProductsByIds(this.channelOf(ctx, cart), [...new Set([...byId.values()].map((v) => v.productId))])).map((p) => p.id));
    const bad: FieldError[] = [];
    let position = next.reduce((m, l) => Math.max(m, l.position + 1), 0);
    seeds.forEach((seed, i) => {
      const existing = next.find((l) => l.variantId === seed.variantId);
      if (existing) {
        existing.quantity += seed.quantity;
        if (existing.quantity > 999) bad.push({ path: `${path}.${i}.quantity`, message: 'makes the line exceed 999' });
        return;
      }
      const variant = byId.get(seed.variantId);
      if (!variant || variant.status !== 'active' || !published.has(variant.productId)) {
        bad.push({ path: `${path}.${i}.variantId`, message: 'is not sold on this platform' });
        return;
      }
      next.push({
        id: newId('cline'),
        cartId: cart.id,
        variantId: variant.id,
        productId: variant.productId,
        sku: variant.sku,
        title: variant.title,
        quantity: seed.quantity,
        unitPrice: 0,
        compareAtPrice: null,
        discount: 0,
        taxCategory: variant.taxCategory ?? 'standard',
        taxRateBp: 0,
        net: 0,
        tax: 0,
        total: 0,
        weightGrams: variant.weightGrams,
        locationId: null,
        position: position++,
      });
    });
    if (bad.length > 0) throw notAvailable(bad);
    return next;
  }

  /** Reprices every line and recomputes the cart's totals (mutates `cart` and `lines`). */
  async price(ctx: Ctx, cart: Cart, lines: CartLine[]): Promise<void> {
    const settings = await this.settings.get(ctx, cart.platformId);
    cart.pricesIncludeTax = settings.pricesIncludeTax;
    const groups = cart.customerId && ctx.actor?.kind === 'customer' && ctx.actor.id === cart.customerId ? await this.groups.groupsOf(ctx) : [];
    const byQuantity = new Map<number, string[]>();
    for (const line of lines) byQuantity.set(line.quantity, [...(byQuantity.get(line.quantity) ?? []), line.variantId]);
    const priceOf = new Map<string, { amount: number; compareAt: number | null }>();
    for (const [quantity, variantIds] of byQuantity) {
      const resolved = await this.prices.resolve(ctx, { platformId: cart.platformId, currency: cart.currency, variantIds, groups, quantity });
      resolved.forEach((p, i) => {
        if (p) priceOf.set(`${variantIds[i]}:${quantity}`, { amount: p.amount, compareAt: p.compareAtAmount });
      });
    }
    const bad: FieldError[] = [];
    lines.forEach((line, i) => {
      const price = priceOf.get(`${line.variantId}:${line.quantity}`);
      if (!price) bad.push({ path: `lines.${i}.variantId`, message: 'has no price on this platform' });
      else {
        line.unitPrice = price.amount;
        line.compareAtPrice = price.compareAt;
      }
    });
    if (bad.length > 0) throw notAvailable(bad);

    const subtotal = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
    const snapshot = {
      cartId: cart.id,
      platformId: cart.platformId,
      customerId: cart.customerId,
      currency: cart.currency,
      pricesIncludeTax: cart.pricesIncludeTax,
      lines: lines.map((l) => ({ key: l.id, variantId: l.variantId, productId: l.productId, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, amount: l.unitPrice * l.quantity })),
      subtotal,
    };
    cart.adjustments = applyAdjustments(lines, await this.adjusters.collect(ctx, snapshot));

    const shippingPrice = await this.shippingPrice(ctx, cart, lines);
    const destination = await this.destination(ctx, cart);
    const taxed = await this.tax.compute(ctx, { lines: taxInputs(lines, shippingPrice), pricesIncludeTax: cart.pricesIncludeTax, currency: cart.currency, destination });
    Object.assign(cart, totalsFrom(lines, taxed));
  }

  /**
   * Where tax is computed for: the pickup location (pickup, order ahead), else the shipping
   * address, else the address of the platform's first location (its country's rates), else
   * nowhere known (`ZZ`: no zone, untaxed until an address is set).
   */
  async destination(ctx: Ctx, cart: Cart): Promise<Destination> {
    const links = await this.locations.platformLocations(ctx, cart.platformId);
    if (cart.delivery && cart.delivery.mode !== 'ship' && cart.delivery.locationId) {
      const location = links.find((l) => l.locationId === cart.delivery!.locationId)?.location;
      if (location?.address) return addressOf(location);
    }
    if (cart.shippingAddress) return { country: cart.shippingAddress.country, region: cart.shippingAddress.region ?? null, postalCode: cart.shippingAddress.postalCode ?? null };
    const first = links.find((l) => l.location.status === 'active' && l.location.address)?.location;
    return first ? addressOf(first) : { country: 'ZZ' };
  }

  /** The chosen method's price for the cart now; the choice is dropped when it is no longer offered. */
  private async shippingPrice(ctx: Ctx, cart: Cart, lines: CartLine[]): Promise<number> {
    const delivery = cart.delivery;
    if (!delivery || delivery.mode !== 'ship') return 0;
    const quote = cart.shippingAddress ? (await this.quotes(ctx, cart, lines)).find((q) => q.methodId === delivery.shippingMethodId) : undefined;
    if (!quote) {
      cart.delivery = null;
      return 0;
    }
    return quote.amount;
  }

  /** The shipping methods on offer for the cart's shipping address (none without one). */
  async quotes(ctx: Ctx, cart: Cart, lines: readonly CartLine[]) {
    if (!cart.shippingAddress) return [];
    const a = cart.shippingAddress;
    const subtotal = lines.reduce((s, l) => s + l.unitPrice * l.quantity - l.discount, 0);
    const weightGrams = lines.reduce((s, l) => s + (l.weightGrams ?? 0) * l.quantity, 0);
    const result = await this.shipping.quote(ctx, { platformId: cart.platformId, currency: cart.currency, destination: { country: a.country, region: a.region ?? null, postalCode: a.postalCode ?? null }, subtotal, weightGrams });
    return result.quotes;
  }

  private channelOf(ctx: Ctx, cart: Cart): Ctx {
    if (ctx.platform?.id === cart.platformId) return ctx;
    return { ...ctx, platform: { id: cart.platformId, code: '', type: '', currency: cart.currency, locale: cart.locale ?? '' } };
  }
}

function addressOf(location: StockLocation): Destination {
  const a = location.address!;
  return { country: a.country, region: a.region, postalCode: a.postalCode };
}
