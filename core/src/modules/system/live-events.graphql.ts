import { createPubSub, filter, pipe } from 'graphql-yoga';
import type { GraphQLContribution, DomainEvent, PluginScope } from '../../kernel/plugin.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { Ctx } from '../../kernel/context.js';
import { InternalTokens } from '../../kernel/internal-tokens.js';

const typeDefs = /* GraphQL */ `
  "A domain event, as it is delivered."
  type DomainEventMessage {
    id: ID!
    name: String!
    payload: JSON
    platformId: String
    actorId: String
    occurredAt: DateTime!
  }

  type Subscription {
    "Domain events as they are dispatched (over SSE). Needs events.read."
    domainEvents(names: [String!]): DomainEventMessage!
  }
`;

type LivePubSub = ReturnType<typeof createPubSub<{ domainEvent: [DomainEvent] }>>;
const pubSubs = new WeakMap<object, LivePubSub>();

/** The in-process pub/sub feeding live subscriptions, one per Plaza (keyed by its container). */
export function livePubSub(scope: PluginScope<unknown>): LivePubSub {
  let pubSub = pubSubs.get(scope.container);
  if (!pubSub) {
    pubSub = createPubSub<{ domainEvent: [DomainEvent] }>();
    pubSubs.set(scope.container, pubSub);
  }
  return pubSub;
}

/** Wires the event dispatcher to the live pub/sub; returns the unsubscribe function. */
export function connectLiveEvents(scope: PluginScope<unknown>): () => void {
  const pubSub = livePubSub(scope);
  const runtime = scope.container.resolve(InternalTokens.EventsRuntime);
  return runtime.dispatcher.onEvent((event) => pubSub.publish('domainEvent', event));
}

/** The admin `Subscription.domainEvents` field. */
export const liveEventsGraphQL: GraphQLContribution<unknown> = {
  typeDefs,
  resolvers: (scope) => ({
    Subscription: {
      domainEvents: {
        subscribe: (_: unknown, args: { names?: string[] | null }, ctx: Ctx) => {
          requirePermission(ctx, 'events.read');
          const names = args.names && args.names.length > 0 ? new Set(args.names) : null;
          return pipe(
            livePubSub(scope).subscribe('domainEvent'),
            filter((event: DomainEvent) => names === null || names.has(event.name)),
          );
        },
        resolve: (event: DomainEvent) => event,
      },
    },
  }),
};
