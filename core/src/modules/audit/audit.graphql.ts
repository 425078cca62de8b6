import type { GraphQLContribution } from '../../kernel/plugin.js';
import type { Ctx } from '../../kernel/context.js';
import type { PageArgs } from '../../gateway/connection.js';
import { Tokens } from '../../kernel/tokens.js';
import type { AuditFilter, AuditLogService } from './audit-log.service.js';

const typeDefs = /* GraphQL */ `
  "One recorded write: who, what, which record, when, and a before/after summary."
  type AuditEntry {
    id: ID!
    occurredAt: DateTime!
    actorKind: String!
    actorId: String!
    actorName: String
    action: String!
    entityType: String!
    entityId: String!
    platformId: String
    before: JSON
    after: JSON
    requestId: String
    ip: String
  }

  type AuditEntryEdge {
    cursor: String!
    node: AuditEntry!
  }

  type AuditEntryConnection {
    edges: [AuditEntryEdge!]!
    pageInfo: PageInfo!
  }

  input AuditFilter {
    actorId: String
    entityType: String
    entityId: String
    action: String
    platformId: String
    from: DateTime
    to: DateTime
  }

  type Query {
    "The audit log, newest first. Needs audit.read; scoped staff see their platforms' entries."
    auditLog(first: Int, after: String, filter: AuditFilter): AuditEntryConnection!
  }
`;

/** The audit log's admin API: read-only by design. */
export const auditAdminGraphQL: GraphQLContribution = {
  typeDefs,
  resolvers: (scope) => ({
    Query: {
      auditLog: (_: unknown, args: PageArgs & { filter?: AuditFilter }, ctx: Ctx) =>
        (scope.container.resolve(Tokens.AuditLog) as AuditLogService).list(ctx, args),
    },
  }),
};
