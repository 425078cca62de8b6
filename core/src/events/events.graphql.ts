import type { IResolvers } from '@graphql-tools/utils';
import type { Ctx } from '../kernel/context.js';
import type { GraphQLContribution } from '../kernel/plugin.js';
import type { PageArgs } from '../gateway/connection.js';
import type { EventDeliveryView } from './delivery-views.js';
import type { EventsRuntime } from './events-runtime.js';
import type { CreateWebhookInput, UpdateWebhookInput } from './webhook.inputs.js';
import type { WebhookAttemptView } from './webhook.views.js';

/** Admin API types of the events subsystem. `DateTime`, `JSON` and `PageInfo` come from the gateway's base schema. */
const typeDefs = /* GraphQL */ `
  "Where an event delivery stands."
  enum EventDeliveryStatus {
    PENDING
    DELIVERED
    DEAD
  }

  "Who an event delivery goes to."
  enum EventDeliveryTargetKind {
    SUBSCRIBER
    WEBHOOK
  }

  "An outbound webhook: Plaza POSTs matching events to the URL, signed with the secret."
  type WebhookSubscription {
    id: ID!
    url: String!
    "Event names, or * for every event."
    events: [String!]!
    active: Boolean!
    description: String
    "The secret's last characters; the secret itself is shown only when created or rotated."
    secretHint: String!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  "One HTTP attempt of a webhook delivery."
  type WebhookAttempt {
    id: ID!
    deliveryId: ID!
    attempt: Int!
    "Null when no answer came (network error, timeout)."
    responseStatus: Int
    "The first 2 KB of the answer."
    responseBody: String
    durationMs: Int!
    error: String
    createdAt: DateTime!
  }

  "The delivery of one event to one subscriber or webhook."
  type EventDelivery {
    id: ID!
    eventId: ID!
    eventName: String!
    eventPayload: JSON
    platformId: ID
    targetKind: EventDeliveryTargetKind!
    "A subscriber id (plugin#event) or a webhook subscription id."
    targetId: String!
    status: EventDeliveryStatus!
    attempts: Int!
    nextAttemptAt: DateTime
    lastError: String
    deliveredAt: DateTime
    createdAt: DateTime!
    updatedAt: DateTime!
    "HTTP attempts, newest first (empty for subscribers). Needs webhooks.manage."
    webhookAttempts: [WebhookAttempt!]!
  }

  type WebhookSubscriptionEdge { cursor: String! node: WebhookSubscription! }
  type WebhookSubscriptionConnection { edges: [WebhookSubscriptionEdge!]! pageInfo: PageInfo! }
  type EventDeliveryEdge { cursor: String! node: EventDelivery! }
  type EventDeliveryConnection { edges: [EventDeliveryEdge!]! pageInfo: PageInfo! }
  type WebhookAttemptEdge { cursor: String! node: WebhookAttempt! }
  type WebhookAttemptConnection { edges: [WebhookAttemptEdge!]! pageInfo: PageInfo! }

  "A subscription with its signing secret, shown only this once."
  type WebhookSecretPayload {
    subscription: WebhookSubscription!
    secret: String!
  }

  input CreateWebhookSubscriptionInput {
    url: String!
    events: [String!]!
    description: String
    active: Boolean
  }

  "Only the fields given change."
  input UpdateWebhookSubscriptionInput {
    id: ID!
    url: String
    events: [String!]
    description: String
    active: Boolean
  }

  type Query {
    "Outbound webhook subscriptions, newest first. Needs webhooks.manage (as every webhook field)."
    webhookSubscriptions(first: Int, after: String): WebhookSubscriptionConnection!
    webhookSubscription(id: ID!): WebhookSubscription!
    "A subscription's deliveries, newest first."
    webhookDeliveries(subscriptionId: ID!, first: Int, after: String): EventDeliveryConnection!
    "A subscription's HTTP attempts, newest first."
    webhookAttempts(subscriptionId: ID!, first: Int, after: String): WebhookAttemptConnection!
    "Deliveries that failed for good, newest first. Needs events.read."
    deadLetters(first: Int, after: String): EventDeliveryConnection!
  }

  type Mutation {
    "Creates a subscription; the secret is returned only here (and on rotation)."
    createWebhookSubscription(input: CreateWebhookSubscriptionInput!): WebhookSecretPayload!
    updateWebhookSubscription(input: UpdateWebhookSubscriptionInput!): WebhookSubscription!
    rotateWebhookSecret(id: ID!): WebhookSecretPayload!
    "Deletes the subscription with its deliveries; returns it as it was."
    deleteWebhookSubscription(id: ID!): WebhookSubscription!
    "Puts a dead delivery back in the queue with fresh attempts. Needs events.retry."
    retryDeadLetter(id: ID!): EventDelivery!
    "Sends a dead webhook delivery again (its subscription must be active)."
    redeliverWebhook(deliveryId: ID!): EventDelivery!
  }
`;

/** What the resolvers need: the runtime's services. */
export type EventsAdminSource = Pick<EventsRuntime, 'webhooks' | 'deadLetters'>;

function resolvers(runtime: EventsAdminSource): IResolvers<unknown, Ctx> {
  const { webhooks, deadLetters } = runtime;
  return {
    EventDeliveryStatus: { PENDING: 'pending', DELIVERED: 'delivered', DEAD: 'dead' },
    EventDeliveryTargetKind: { SUBSCRIBER: 'subscriber', WEBHOOK: 'webhook' },
    EventDelivery: {
      webhookAttempts: (d: EventDeliveryView, _args: unknown, ctx: Ctx) => {
        if (d.targetKind !== 'webhook') return [];
        // One query for every delivery at this level of the tree.
        return ctx.loaders.get<string, WebhookAttemptView[]>('events.webhookAttemptsByDelivery', (ids) => webhooks.attemptsOfDeliveries(ctx, ids)).load(d.id);
      },
    },
    Query: {
      webhookSubscriptions: (_: unknown, args: PageArgs, ctx: Ctx) => webhooks.list(ctx, args),
      webhookSubscription: (_: unknown, args: { id: string }, ctx: Ctx) => webhooks.get(ctx, args.id),
      webhookDeliveries: (_: unknown, args: PageArgs & { subscriptionId: string }, ctx: Ctx) => webhooks.listDeliveries(ctx, args),
      webhookAttempts: (_: unknown, args: PageArgs & { subscriptionId: string }, ctx: Ctx) => webhooks.listAttempts(ctx, args),
      deadLetters: (_: unknown, args: PageArgs, ctx: Ctx) => deadLetters.list(ctx, args),
    },
    Mutation: {
      createWebhookSubscription: (_: unknown, args: { input: CreateWebhookInput }, ctx: Ctx) => webhooks.create(ctx, args.input),
      updateWebhookSubscription: (_: unknown, args: { input: UpdateWebhookInput }, ctx: Ctx) => webhooks.update(ctx, args.input),
      rotateWebhookSecret: (_: unknown, args: { id: string }, ctx: Ctx) => webhooks.rotateSecret(ctx, args.id),
      deleteWebhookSubscription: (_: unknown, args: { id: string }, ctx: Ctx) => webhooks.delete(ctx, args.id),
      retryDeadLetter: (_: unknown, args: { id: string }, ctx: Ctx) => deadLetters.retry(ctx, args.id),
      redeliverWebhook: (_: unknown, args: { deliveryId: string }, ctx: Ctx) => webhooks.redeliver(ctx, args.deliveryId),
    },
  };
}

/**
 * The events subsystem's slice of the **admin** GraphQL API: webhook subscriptions, their
 * deliveries and attempts, dead letters, as Relay connections. Resolvers take `Ctx` as
 * context; the services check permissions. Call it with the runtime for a whole
 * {@link GraphQLContribution}, or use its `typeDefs` and `resolvers(runtime)` to merge it with
 * other contributions of one module.
 */
export const eventsAdminGraphQL = Object.assign(
  (runtime: EventsAdminSource): GraphQLContribution => ({ typeDefs, resolvers: () => resolvers(runtime) }),
  { typeDefs, resolvers },
);
