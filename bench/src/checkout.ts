import type { FlowDefinition, Gql } from './flow-runner.js';
import type { ScenarioContext } from './scenarios.js';

/** The storefront's cart fields after a change: what a mini-cart shows. */
const CART_FIELDS = 'id itemCount subtotal discountTotal taxTotal shippingTotal total lines { id variantId quantity unitPrice total }';

export const createCart = `mutation($input: CreateCartInput!) { createCart(input: $input) { ${CART_FIELDS} } }`;
export const addCartLines = `mutation($cartId: ID!, $lines: [CartLineInput!]!) { addCartLines(cartId: $cartId, lines: $lines) { ${CART_FIELDS} } }`;
const setAddresses = `mutation($cartId: ID!, $shipping: CustomerAddressInput) { setCartAddresses(cartId: $cartId, shipping: $shipping) { id total deliveryOptions { ship { methodId code price } } } }`;
const setDelivery = `mutation($cartId: ID!, $input: CartDeliveryInput!) { setCartDelivery(cartId: $cartId, input: $input) { ${CART_FIELDS} } }`;
const placeOrder = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { paymentStatus order { id number total } } }`;

const ADDRESS = { firstName: 'Bench', lastName: 'Buyer', line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' };
/** The sandbox gateway's card that always succeeds (see core's sandbox-card.gateway.ts). */
export const SUCCESS_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' };

/** Variants of the demo catalog that have a price on the platform (the first `count`). */
export async function pricedVariants(graphql: Gql | ScenarioContext['graphql'], count: number): Promise<string[]> {
  const data = await graphql<{ products: { edges: { node: { variants: { id: string; price: { amount: number } | null }[] } }[] } }>('/graphql', '{ products(first: 50) { edges { node { variants { id price { amount } } } } } }');
  const ids = data.products.edges.flatMap((e) => e.node.variants.filter((v) => v.price).map((v) => v.id));
  if (ids.length < count) throw new Error(`the demo catalog has ${ids.length} priced variants; the bench needs ${count}`);
  return ids.slice(0, count);
}

interface CheckoutState {
  variants: string[];
}

/** Gives every stock level of `variantIds` 100,000 more units so the run measures checkout, not running out. */
async function topUp(gql: Gql, admin: { email: string; password: string }, variantIds: string[]): Promise<void> {
  const { login } = await gql<{ login: { token: string } }>('/admin/graphql', 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: admin.email, p: admin.password });
  const headers = { authorization: `Bearer ${login.token}` };
  const wanted = new Set(variantIds);
  let after: string | null = null;
  for (;;) {
    const page: { stockLevels: { edges: { node: { variantId: string; locationId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = await gql(
      '/admin/graphql',
      'query($after: String) { stockLevels(first: 100, after: $after) { edges { node { variantId locationId } } pageInfo { hasNextPage endCursor } } }',
      { after },
      headers,
    );
    for (const { node } of page.stockLevels.edges) {
      if (!wanted.has(node.variantId)) continue;
      await gql('/admin/graphql', 'mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { __typename } }', { input: { ...node, quantity: 100_000, reason: 'bench top-up' } }, headers);
    }
    if (!page.stockLevels.pageInfo.hasNextPage) return;
    after = page.stockLevels.pageInfo.endCursor;
  }
}

/**
 * checkout: one order = create a cart → add three lines (three requests) → shipping address
 * (which returns the delivery options) → choose the cheapest shipping method → place the order
 * with the sandbox card that succeeds. Ten variants with plenty of stock.
 */
export const checkoutFlow: FlowDefinition<CheckoutState> = {
  async setup(gql, server) {
    const variants = await pricedVariants(gql, 10);
    if (!server.demo.admin) throw new Error('checkout needs the demo owner to top up stock');
    await topUp(gql, server.demo.admin, variants);
    return { variants };
  },
  async run(gql, { variants }, timer, n) {
    const { createCart: cart } = await timer.step('create cart', () => gql<{ createCart: { id: string } }>('/graphql', createCart, { input: { email: `buyer${n % 500}@bench.example` } }));
    for (let i = 0; i < 3; i++) {
      const variantId = variants[(n + i * 3) % variants.length]!;
      await timer.step('add line', () => gql('/graphql', addCartLines, { cartId: cart.id, lines: [{ variantId, quantity: 1 + (i % 2) }] }));
    }
    const addressed = await timer.step('address', () => gql<{ setCartAddresses: { deliveryOptions: { ship: { methodId: string; price: number }[] } } }>('/graphql', setAddresses, { cartId: cart.id, shipping: ADDRESS }));
    const method = addressed.setCartAddresses.deliveryOptions.ship[0];
    if (!method) throw new Error('no shipping method for the bench address');
    await timer.step('delivery', () => gql('/graphql', setDelivery, { cartId: cart.id, input: { mode: 'SHIP', shippingMethodId: method.methodId } }));
    const placed = await timer.step('place order', () => gql<{ placeOrder: { order: { id: string } | null; paymentStatus: string } }>('/graphql', placeOrder, { input: { cartId: cart.id, idempotencyKey: `bench-${n}-${cart.id}`, payment: { provider: 'sandbox-card', method: 'card', card: SUCCESS_CARD } } }));
    if (!placed.placeOrder.order) throw new Error(`no order placed (payment ${placed.placeOrder.paymentStatus})`);
  },
};

/**
 * add-to-cart: 1,000 carts made beforehand; every request adds one of five variants (random)
 * to a random cart and returns the cart's lines and totals (lines merge, so carts stay small).
 */
export async function addToCartRequests(context: ScenarioContext): Promise<{ bodies: string[] }> {
  const variants = await pricedVariants(context.graphql, 5);
  const carts: string[] = [];
  for (let i = 0; i < 1000; i++) carts.push((await context.graphql<{ createCart: { id: string } }>('/graphql', createCart, { input: { email: `cart${i}@bench.example` } })).createCart.id);
  const bodies: string[] = [];
  for (const cartId of carts) for (const variantId of variants) bodies.push(JSON.stringify({ query: addCartLines, variables: { cartId, lines: [{ variantId, quantity: 1 }] } }));
  return { bodies };
}
