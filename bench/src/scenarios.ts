/** One benchmark: which server to fork and what request to hammer it with. */
export interface Scenario {
  name: string;
  description: string;
  /** The server script (relative to this folder, compiled). */
  server: './plaza-server.js' | './yoga-baseline-server.js';
  path: string;
  body: string;
  headers?: Record<string, string>;
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
    description: "{ __typename } on Plaza's channel API /graphql",
    server: './plaza-server.js',
    path: '/graphql',
    body: typename,
  },
];
