import type { Ctx, GraphQLContribution, PageArgs } from '@plaza/core';
import { NoticeService, type StoreNotice } from './notice.service.js';

const typeDefs = /* GraphQL */ `
  "A message staff publish to every store, until it expires."
  type StoreNotice {
    id: ID!
    title: String!
    body: String!
    status: String!
    expiresAt: DateTime
    createdBy: String!
    createdAt: DateTime!
    "What the notice went through (published, expired), as recorded by the plugin's subscriber."
    activity: [String!]!
  }

  type StoreNoticeEdge {
    cursor: String!
    node: StoreNotice!
  }

  type StoreNoticeConnection {
    edges: [StoreNoticeEdge!]!
    pageInfo: PageInfo!
  }

  input PublishStoreNoticeInput {
    title: String!
    body: String!
    expiresAt: DateTime
  }

  type Query {
    "Store notices, newest first. Needs notices.read."
    storeNotices(status: String, first: Int, after: String): StoreNoticeConnection!
  }

  type Mutation {
    "Publishes a store notice. Needs notices.manage."
    publishStoreNotice(input: PublishStoreNoticeInput!): StoreNotice!
  }
`;

/** The plugin's slice of the admin API. */
export const noticeAdminGraphQL: GraphQLContribution = {
  typeDefs,
  resolvers: (scope) => {
    const notices = () => scope.container.resolve(NoticeService);
    return {
      Query: {
        storeNotices: (_: unknown, args: PageArgs & { status?: string }, ctx: Ctx) => notices().list(ctx, args),
      },
      Mutation: {
        publishStoreNotice: (_: unknown, args: { input: { title: string; body: string; expiresAt?: Date | null } }, ctx: Ctx) =>
          notices().publish(ctx, args.input),
      },
      StoreNotice: {
        // One query for every notice on the page, whatever its length (DataLoader).
        activity: (notice: StoreNotice, _: unknown, ctx: Ctx) =>
          ctx.loaders
            .get<string, string[]>('example.noticeActivity', async (ids) => {
              const byNotice = await notices().activity(ctx, ids);
              return ids.map((id) => byNotice.get(id) ?? []);
            })
            .load(notice.id),
      },
    };
  },
};
