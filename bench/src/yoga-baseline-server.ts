import http from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import type { RunnerMessage, ServerMessage } from './protocol.js';

/** A bare graphql-yoga server: the baseline the gateway's overhead is measured against. */
const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } }),
  logging: false,
  landingPage: false,
  graphiql: false,
});
const server = http.createServer(yoga);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'listening', port } satisfies ServerMessage);
});
process.on('message', (message: RunnerMessage) => {
  if (message.type === 'sqlCount') process.send?.({ type: 'sqlCount', count: 0 } satisfies ServerMessage);
  if (message.type === 'stop') server.close(() => process.exit(0));
});
