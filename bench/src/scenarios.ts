import { addToCartRequests, checkoutFlow } from './checkout.js';
import { customerLookup } from './customer-lookup.js';
import type { FlowDefinition } from './flow-runner.js';
import { processTransition } from './process-transition.js';
import type { ScenarioResult } from './run-scenario.js';
import type { ScaleDatabase } from './scale-database.js';
/** A benchmark measured inside the bench process (server time without HTTP), e.g. process-transition. */
export interface InProcessScenario {
  flow?: undefined;
  name: string;
  description: string;
  /** Run on a copy of the scale database (passed to `inProcess`). */
  scale?: boolean;
  inProcess: (durationSeconds: number, scaleDb?: ScaleDatabase) => Promise<ScenarioResult>;
}

/** A benchmark of a flow of several requests (e.g. a whole checkout) driven by virtual users over HTTP. */
export interface FlowScenario {
  inProcess?: undefined;
  name: string;
  description: string;
  scale?: undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  flow: FlowDefinition<any>;
}

/** One benchmark: which server to fork and what request to hammer it with. */
export interface HttpScenario {
  inProcess?: undefined;
  flow?: undefined;
  name: string;
  description: string;
  /** The server script (relative to this folder, compiled). */
  server: './plaza-server.js' | './yoga-baseline-server.js';
  path: string;
  body: string;
  headers?: Record<string, string>;
  /** Send a demo platform's publishable key as x-plaza-key. */
  withPlatformKey?: boolean;
  /** Run on a copy of the `plaza seed --scale N` database (see scale-database.ts) instead of the demo data. */
  scale?: boolean;
  /** Bodies to rotate through (one per request, round robin) instead of `body`, and extra headers. */
  requests?: (context: ScenarioContext) => Promise<{ bodies: string[]; headers?: Record<string, string> }>;
}

/** What a scenario may ask the runner for before it starts. */
export interface ScenarioContext {
  /** Products of the scale seed (0 on the demo data). */
  products: number;
  /** The demo owner's credentials (scale database only). */
  admin?: { email: string; password: string };
  /** Runs a GraphQL operation on the scenario's server (channel API with the platform key, or admin with `adminToken`). */
  graphql<T>(path: '/graphql' | '/admin/graphql', query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
}

/** Any benchmark `npm run bench` knows. */
export type Scenario = HttpScenario | InProcessScenario | FlowScenario;

const typename = JSON.stringify({ query: '{ __typename }' });

const productList = /* GraphQL */ `
  query ProductList {
    products(first: 20) {
      edges {
        node {
          id
          handle
          title
          brand
          inStock
          priceRange { min { amount currency } max { amount currency } }
          variants { id sku title price { amount currency } availability { available } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const search = /* GraphQL */ `
  query Search($query: String) {
    searchProducts(query: $query, first: 20) {
      edges { node { id handle title brand priceRange { min { amount currency } } } }
      pageInfo { hasNextPage endCursor }
      facets { categories { id name count } brands { value count } inStock { count } }
    }
  }
`;

const productDetail = /* GraphQL */ `
  query ProductDetail($handle: String!) {
    product(handle: $handle) {
      id
      handle
      title
      description
      brand
      media { url alt }
      categories { id name }
      options { name values }
      priceRange { min { amount currency } max { amount currency } }
      variants {
        id
        sku
        gtin
        title
        options { name value }
        price { amount compareAt { amount } currency }
        availability { available locations { available location { id name } } }
      }
    }
  }
`;

const reserve = /* GraphQL */ `
  mutation Reserve($input: ReserveStockInput!) {
    reserveStock(input: $input) { requestId reservations { id quantity } }
  }
`;

/**
 * reserve-concurrent: signs in as the demo owner, tops up 200 (variant, location) levels by
 * 100,000 units (so the run measures reserving, not running out), then rotates reservations of
 * 1 unit over them from both demo platforms with 10-minute expiry.
 */
async function reserveRequests(context: ScenarioContext): Promise<{ bodies: string[]; headers: Record<string, string> }> {
  if (!context.admin) throw new Error('reserve-concurrent needs the scale database (demo admin credentials)');
  const { login } = await context.graphql<{ login: { token: string } }>('/admin/graphql', 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: context.admin.email, p: context.admin.password });
  const headers = { authorization: `Bearer ${login.token}` };
  const admin = <T>(query: string, variables: Record<string, unknown> = {}) => context.graphql<T>('/admin/graphql', query, variables, headers);
  const { platforms } = await admin<{ platforms: { edges: { node: { id: string } }[] } }>('{ platforms(first: 10) { edges { node { id } } } }');
  const levels: { variantId: string; locationId: string }[] = [];
  let after: string | null = null;
  while (levels.length < 200) {
    const page: { stockLevels: { edges: { node: { variantId: string; locationId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = await admin(
      'query($after: String) { stockLevels(first: 100, after: $after) { edges { node { variantId locationId } } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    levels.push(...page.stockLevels.edges.map((e) => e.node));
    if (!page.stockLevels.pageInfo.hasNextPage) break;
    after = page.stockLevels.pageInfo.endCursor;
  }
  for (const level of levels) {
    await admin('mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { __typename } }', { input: { ...level, quantity: 100_000, reason: 'bench top-up' } });
  }
  const bodies = levels.map((level, i) =>
    JSON.stringify({
      query: reserve,
      variables: { input: { lines: [{ ...level, quantity: 1 }], reference: { type: 'bench', id: `hold-${i}` }, ttlSeconds: 600, platformId: platforms.edges[i % platforms.edges.length]!.node.id } },
    }),
  );
  return { bodies, headers };
}

const SEARCH_TERMS = ['linen', 'wool jacket', 'classic', 'ceramic mug', 'organic cotton', 'vintage', 'alpine sweater', 'leather', 'soft blanket', 'urban sneakers'];

/** Every scenario, in the order `npm run bench` runs them. Later issues add theirs here. */
export const scenarios: Scenario[] = [
  {
    name: 'yoga-baseline',
    description: '{ __typename } on a bare graphql-yoga server (the reference)',
    server: './yoga-baseline-server.js',
    path: '/graphql',
    body: typename,
  },
  {
    name: 'typename',
    description: "{ __typename } on Plaza's channel API /graphql, with a platform key",
    server: './plaza-server.js',
    path: '/graphql',
    body: typename,
    withPlatformKey: true,
  },
  {
    name: 'typename-no-credentials',
    description: '{ __typename } on /admin/graphql without credentials: the gateway with no key or token to resolve',
    server: './plaza-server.js',
    path: '/admin/graphql',
    body: typename,
  },
  {
    name: 'product-list',
    description: 'channel products(first: 20) with variants, prices and availability, at scale',
    server: './plaza-server.js',
    path: '/graphql',
    body: JSON.stringify({ query: productList }),
    withPlatformKey: true,
    scale: true,
  },
  {
    name: 'search',
    description: 'channel searchProducts(query, first: 20) with category/brand/in-stock facets, 10 different terms, at scale',
    server: './plaza-server.js',
    path: '/graphql',
    body: '',
    requests: async () => ({ bodies: SEARCH_TERMS.map((query) => JSON.stringify({ query: search, variables: { query } })) }),
    withPlatformKey: true,
    scale: true,
  },
  {
    name: 'product-detail',
    description: 'channel product(handle) with media, options, variant prices and per-location availability, 100 products, at scale',
    server: './plaza-server.js',
    path: '/graphql',
    body: '',
    requests: async ({ products }) => ({ bodies: Array.from({ length: 100 }, (_, i) => JSON.stringify({ query: productDetail, variables: { handle: `scale-${(i * 487) % Math.max(1, products)}` } })) }),
    withPlatformKey: true,
    scale: true,
  },
  {
    name: 'reserve-concurrent',
    description: 'admin reserveStock of 1 unit over 200 levels from 2 platforms, 10 connections at once, at scale',
    server: './plaza-server.js',
    path: '/admin/graphql',
    body: '',
    requests: reserveRequests,
    scale: true,
  },
  {
    name: 'add-to-cart',
    description: 'channel addCartLines (one of 5 variants into one of 1,000 carts) returning lines and totals. Target ≥ 20% of typename, ≤ 10 SQL',
    server: './plaza-server.js',
    path: '/graphql',
    body: '',
    requests: addToCartRequests,
    withPlatformKey: true,
  },
  {
    name: 'checkout',
    description: 'whole orders by 10 virtual users: create cart, add 3 lines, address, delivery, place order with the sandbox card. Target ≥ 100 orders/s SQLite, ≥ 60 PostgreSQL',
    flow: checkoutFlow,
  },
  {
    name: 'process-transition',
    description: 'server time of one process transition with three in-transaction steps (in-process, no HTTP)',
    inProcess: processTransition,
  },
  {
    name: 'customer-lookup',
    description: 'server time of a staff lookup by phone and by e-mail over 4 × products customers (in-process, at scale)',
    scale: true,
    inProcess: customerLookup,
  },
];
