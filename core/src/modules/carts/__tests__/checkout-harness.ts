import type { GraphQLClient, TestEnvironment } from '../../../testing/index.js';
import { createList, createPlatform, insertProducts, Q as PQ, uniqueCode } from '../../pricing/__tests__/pricing-harness.js';
import { createLocation, linkLocations, receive } from '../../inventory/__tests__/inventory-harness.js';

/** The cart fields the tests read. */
export const CART = `id status currency email customerId pricesIncludeTax itemCount subtotal discountTotal taxTotal shippingTotal total orderId
  lines { id variantId productId sku quantity unitPrice discount taxCategory taxRateBp net tax total locationId }
  taxLines { category name rateBp net tax } adjustments { lineKey amount label code source }
  delivery { mode shippingMethod { id code price } pickupLocation { id name } readyAt slotStart slotEnd }
  checkout { reservedUntil status }`;

/** Channel documents. */
export const CQ = {
  create: `mutation($input: CreateCartInput!) { createCart(input: $input) { ${CART} } }`,
  cart: `query($id: ID!) { cart(id: $id) { ${CART} } }`,
  add: `mutation($cartId: ID!, $lines: [CartLineInput!]!) { addCartLines(cartId: $cartId, lines: $lines) { ${CART} } }`,
  update: `mutation($cartId: ID!, $lineId: ID!, $quantity: Int!) { updateCartLine(cartId: $cartId, lineId: $lineId, quantity: $quantity) { ${CART} } }`,
  remove: `mutation($cartId: ID!, $lineId: ID!) { removeCartLine(cartId: $cartId, lineId: $lineId) { ${CART} } }`,
  contact: `mutation($cartId: ID!, $email: String, $phone: String) { setCartContact(cartId: $cartId, email: $email, phone: $phone) { ${CART} } }`,
  addresses: `mutation($cartId: ID!, $shipping: CustomerAddressInput, $billing: CustomerAddressInput) { setCartAddresses(cartId: $cartId, shipping: $shipping, billing: $billing) { ${CART} } }`,
  delivery: `mutation($cartId: ID!, $input: CartDeliveryInput!) { setCartDelivery(cartId: $cartId, input: $input) { ${CART} } }`,
  options: `query($id: ID!) { cart(id: $id) { id deliveryOptions { ship { methodId code name price minDays maxDays } pickup { locationId name readyAt openNow nextOpensAt preparationMinutes queued } orderAhead { locationId name slots { start end available } } } } }`,
  start: `mutation($cartId: ID!) { startCheckout(cartId: $cartId) { ${CART} } }`,
  place: `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id number total } accessToken paymentStatus nextAction cart { id status orderId total } } }`,
  confirm: `mutation($cartId: ID!, $key: String!) { confirmCartPayment(cartId: $cartId, idempotencyKey: $key) { order { id number total } paymentStatus nextAction cart { id status orderId } } }`,
} as const;

/** A cart line as the tests read it. */
export interface LineNode {
  id: string;
  variantId: string;
  quantity: number;
  unitPrice: number;
  discount: number;
  taxCategory: string;
  taxRateBp: number;
  net: number;
  tax: number;
  total: number;
  locationId: string | null;
}

/** A cart as the tests read it. */
export interface CartNode {
  id: string;
  status: string;
  email: string | null;
  customerId: string | null;
  pricesIncludeTax: boolean;
  itemCount: number;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  shippingTotal: number;
  total: number;
  orderId: string | null;
  lines: LineNode[];
  taxLines: { category: string; name: string; rateBp: number; net: number; tax: number }[];
  adjustments: { lineKey: string | null; amount: number; label: string; code: string | null; source: string }[];
  delivery: { mode: string; shippingMethod: { id: string; code: string; price: number } | null; pickupLocation: { id: string; name: string } | null; readyAt: string | null; slotStart: string | null } | null;
  checkout: { reservedUntil: string | null; status: string } | null;
}

/** A Spanish address. */
export const MADRID = { firstName: 'Ana', lastName: 'García', line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' };

/** Weekdays 09:00–21:00, closed at the weekend. */
export const WEEKDAY_HOURS = {
  weekly: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((day) => ({ day, intervals: [{ opens: '09:00', closes: '21:00' }] })),
};

/** A platform ready to sell: key, price list attached, settings. */
export interface ShopPlatform {
  id: string;
  code: string;
  key: string;
  priceListId: string;
  channel: GraphQLClient;
}

/** Spain's tax zone (21 % standard, 10 % reduced) and a shipping zone with a flat 4,95 € method. Returns the method id. */
export async function setUpSpain(env: TestEnvironment): Promise<{ shippingMethodId: string }> {
  await env.adminClient.data(`mutation($input: CreateTaxZoneInput!) { createTaxZone(input: $input) { id } }`, {
    input: { code: uniqueCode('es'), name: 'Spain', members: [{ country: 'ES' }], rates: [{ category: 'STANDARD', rateBasisPoints: 2100, name: 'IVA 21 %' }, { category: 'REDUCED', rateBasisPoints: 1000, name: 'IVA 10 %' }] },
  });
  const zone = await env.adminClient.data<{ createShippingZone: { id: string } }>(`mutation($input: CreateShippingZoneInput!) { createShippingZone(input: $input) { id } }`, {
    input: { code: uniqueCode('es-ship'), name: 'Spain', members: [{ country: 'ES' }] },
  });
  const method = await env.adminClient.data<{ createShippingMethod: { id: string } }>(`mutation($input: CreateShippingMethodInput!) { createShippingMethod(input: $input) { id } }`, {
    input: { zoneId: zone.createShippingZone.id, code: 'standard', name: 'Standard', minDays: 2, maxDays: 4, rateType: 'FLAT', rates: [{ currency: 'EUR', amount: 495 }] },
  });
  return { shippingMethodId: method.createShippingMethod.id };
}

/** A headless EUR platform with a price list and a channel client. */
export async function createShop(env: TestEnvironment, options: { pricesIncludeTax?: boolean } = {}): Promise<ShopPlatform> {
  const platform = await createPlatform(env.adminClient);
  const list = await createList(env.adminClient);
  await env.adminClient.data(PQ.setPlatformPricing, { platformId: platform.id, priceListId: list.id, pricesIncludeTax: options.pricesIncludeTax ?? true });
  if (options.pricesIncludeTax === false) {
    await env.adminClient.data(`mutation($input: CheckoutSettingsInput!) { setCheckoutSettings(input: $input) { platformId } }`, { input: { platformId: platform.id, pricesIncludeTax: false } });
  }
  return { ...platform, priceListId: list.id, channel: env.channelClient(platform.key) };
}

/** Products (one variant each) published on the platforms, priced in each platform's list. */
export async function createVariants(env: TestEnvironment, shops: ShopPlatform[], prices: number[]): Promise<string[]> {
  const products = await insertProducts(env, prices.length, 1, shops.map((s) => s.id));
  const ids = products.map((p) => p.variantIds[0]!);
  for (const shop of shops) {
    await env.adminClient.data(PQ.setPrices, { priceListId: shop.priceListId, prices: ids.map((variantId, i) => ({ variantId, amount: prices[i] })) });
  }
  return ids;
}

/** A store in Madrid linked to the platforms (pickup on, 20 min preparation). */
export async function createStore(env: TestEnvironment, shops: ShopPlatform[], options: { code?: string; openingHours?: unknown; pickupEnabled?: boolean; preparationMinutes?: number } = {}): Promise<string> {
  const id = await createLocation(env, {
    code: options.code ?? uniqueCode('store'),
    address: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    openingHours: options.openingHours,
    pickupEnabled: options.pickupEnabled ?? true,
    preparationMinutes: options.preparationMinutes ?? 20,
  } as never);
  for (const shop of shops) {
    const current = await env.adminClient.data<{ platformLocations: { location: { id: string } }[] }>(`query($platformId: ID!) { platformLocations(platformId: $platformId) { location { id } } }`, { platformId: shop.id });
    await linkLocations(env, shop.id, [...current.platformLocations.map((l) => ({ locationId: l.location.id })), { locationId: id }]);
  }
  return id;
}

export { receive };

/** Σ line totals + shipping = total, and the other identities of a cart's figures. */
export function expectBalanced(cart: CartNode, expect: (v: unknown) => { toBe(x: unknown): void }): void {
  const lines = cart.lines.reduce((s, l) => s + l.total, 0);
  expect(lines + cart.shippingTotal).toBe(cart.total);
  for (const l of cart.lines) expect(l.net + l.tax).toBe(l.total);
  expect(cart.taxLines.reduce((s, t) => s + t.tax, 0)).toBe(cart.taxTotal);
  expect(cart.lines.reduce((s, l) => s + l.discount, 0)).toBe(cart.discountTotal);
}
