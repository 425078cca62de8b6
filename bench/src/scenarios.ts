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
}

const typename = JSON.stringify({ query: '{ __typename }' });

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
];
