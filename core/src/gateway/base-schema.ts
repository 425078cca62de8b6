import { GraphQLScalarType, Kind } from 'graphql';
import type { IResolvers } from '@graphql-tools/utils';
import { effectivePermissions, requireActor } from '../kernel/authorization.js';
import type { Ctx } from '../kernel/context.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { PLAZA_VERSION } from '../kernel/version.js';
import type { ApiName } from './schema-composer.js';

const common = /* GraphQL */ `
  "An ISO 8601 date-time in UTC."
  scalar DateTime
  "Any JSON value."
  scalar JSON

  "Relay-style page information of a cursor connection."
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  "About this Plaza server."
  type PlazaInfo {
    version: String!
    "The API this schema serves: channel or admin."
    api: String!
  }
`;

const admin = /* GraphQL */ `
  "Who is signed in."
  type Viewer {
    kind: String!
    id: ID!
    name: String
    "Granted permissions; ['*'] grants all."
    permissions: [String!]!
  }

  "A permission a role can grant, declared by the core or a plugin."
  type Permission {
    code: String!
    description: String!
    plugin: String!
  }

  "A loaded plugin."
  type PluginInfo {
    name: String!
    version: String!
  }

  type Query {
    plaza: PlazaInfo!
    "The signed-in actor."
    viewer: Viewer
    "Every permission declared by the core and the installed plugins."
    permissions: [Permission!]!
    plugins: [PluginInfo!]!
  }
`;

const channel = /* GraphQL */ `
  type Query {
    plaza: PlazaInfo!
  }
`;

/** The type definitions every schema of `api` starts from. */
export function baseTypeDefs(api: ApiName): string {
  return common + (api === 'admin' ? admin : channel);
}

const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string | number)).toISOString(),
  parseValue: (value) => new Date(value as string),
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? new Date(ast.value) : null),
});

const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
});

/** Resolvers of the base schema. */
export function baseResolvers(api: ApiName, registry: PluginRegistry): IResolvers<unknown, Ctx> {
  const resolvers: IResolvers<unknown, Ctx> = {
    DateTime,
    JSON: JSONScalar,
    Query: { plaza: () => ({ version: PLAZA_VERSION, api }) },
  };
  if (api === 'admin') {
    Object.assign(resolvers.Query as object, {
      viewer: (_: unknown, __: unknown, ctx: Ctx) =>
        ctx.actor && { ...ctx.actor, permissions: effectivePermissions(ctx.actor) },
      permissions: (_: unknown, __: unknown, ctx: Ctx) => {
        requireActor(ctx);
        return [...registry.permissions.values()];
      },
      plugins: (_: unknown, __: unknown, ctx: Ctx) => {
        requireActor(ctx);
        return registry.manifests.map((m) => ({ name: m.name, version: m.version }));
      },
    });
  }
  return resolvers;
}
