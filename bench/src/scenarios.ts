/** One benchmark: which server to fork and what request to hammer it with. */
export interface Scenario {
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
  /** Bodies to rotate through (one per request, round robin) instead of `body`. */
  bodies?: (context: ScenarioContext) => Promise<string[]>;
}

/** What a scenario may ask the runner for before it starts. */
export interface ScenarioContext {
  /** Products of the scale seed (0 on the demo data). */
  products: number;
  /** Runs a GraphQL operation on the scenario's server (channel API with the platform key, or admin with `adminToken`). */
  graphql<T>(path: '/graphql' | '/admin/graphql', query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
}

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
    description: 'channel searchProducts(query, first: 20), 10 different terms, at scale',
    server: './plaza-server.js',
    path: '/graphql',
    body: '',
    bodies: async () => SEARCH_TERMS.map((query) => JSON.stringify({ query: search, variables: { query } })),
    withPlatformKey: true,
    scale: true,
  },
  {
    name: 'product-detail',
    description: 'channel product(handle) with media, options, variant prices and per-location availability, 100 products, at scale',
    server: './plaza-server.js',
    path: '/graphql',
    body: '',
    bodies: async ({ products }) => Array.from({ length: 100 }, (_, i) => JSON.stringify({ query: productDetail, variables: { handle: `scale-${(i * 487) % Math.max(1, products)}` } })),
    withPlatformKey: true,
    scale: true,
  },
];
