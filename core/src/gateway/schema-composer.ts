import { mergeTypeDefs } from '@graphql-tools/merge';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { IResolvers } from '@graphql-tools/utils';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { PlazaError } from '../kernel/errors.js';
import type { Ctx } from '../kernel/context.js';
import type { PluginRegistry } from '../kernel/plugin-registry.js';
import { baseResolvers, baseTypeDefs } from './base-schema.js';

/** The two GraphQL APIs Plaza serves. */
export type ApiName = 'channel' | 'admin';

/**
 * Builds one API's schema from the base schema and every plugin's contribution, in boot
 * order. A plugin whose type definitions do not merge fails the boot, naming the plugin.
 */
export function composeSchema(api: ApiName, registry: PluginRegistry): GraphQLSchema {
  const typeDefs: (string | DocumentNode)[] = [baseTypeDefs(api)];
  const resolvers: IResolvers<unknown, Ctx>[] = [baseResolvers(api, registry)];
  for (const { manifest, scope } of registry.plugins) {
    const contribution = manifest.graphql?.[api];
    if (!contribution) continue;
    typeDefs.push(contribution.typeDefs);
    if (contribution.resolvers) resolvers.push(contribution.resolvers(scope as never));
  }
  try {
    return makeExecutableSchema({ typeDefs: mergeTypeDefs(typeDefs), resolvers });
  } catch (error) {
    const names = registry.plugins.filter((p) => p.manifest.graphql?.[api]).map((p) => p.manifest.name);
    throw new PlazaError('PLUGIN_INVALID', `The ${api} GraphQL schema does not compose (plugins contributing: ${names.join(', ')}): ${(error as Error).message}`);
  }
}
