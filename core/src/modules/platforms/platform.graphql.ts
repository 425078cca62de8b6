import type { Ctx } from '../../kernel/context.js';
import type { GraphQLContribution } from '../../kernel/plugin.js';
import type { PlatformListArgs } from './platform-list.js';
import { PlatformKeyService } from './platform-key.service.js';
import type { CreatePlatformInput, UpdatePlatformInput } from './platform.inputs.js';
import type { Platform, PlatformKey } from './platform.records.js';
import { platformAdminTypeDefs, platformChannelTypeDefs } from './platform.schema.js';
import { PlatformService } from './platform.service.js';
import { toPlatformTypeView } from './platform-type.views.js';

type Root = unknown;

/** The platforms module's slice of the admin API. */
export const platformAdminGraphQL: GraphQLContribution = {
  typeDefs: platformAdminTypeDefs,
  resolvers: (scope) => {
    const platforms = () => scope.container.resolve(PlatformService);
    const keys = () => scope.container.resolve(PlatformKeyService);
    return {
      PlatformStatus: { ACTIVE: 'active', DISABLED: 'disabled' },
      Query: {
        platformTypes: (_: Root, __: unknown, ctx: Ctx) => platforms().types(ctx),
        platforms: (_: Root, args: PlatformListArgs, ctx: Ctx) => platforms().list(ctx, args),
        platform: (_: Root, args: { id: string }, ctx: Ctx) => platforms().get(ctx, args.id),
        platformKeys: (_: Root, args: { platformId: string }, ctx: Ctx) => keys().list(ctx, args.platformId),
      },
      Mutation: {
        createPlatform: (_: Root, args: { input: CreatePlatformInput }, ctx: Ctx) => platforms().create(ctx, args.input),
        updatePlatform: (_: Root, args: { input: UpdatePlatformInput }, ctx: Ctx) => platforms().update(ctx, args.input),
        disablePlatform: (_: Root, args: { id: string }, ctx: Ctx) => platforms().disable(ctx, args.id),
        enablePlatform: (_: Root, args: { id: string }, ctx: Ctx) => platforms().enable(ctx, args.id),
        createPlatformKey: (_: Root, args: { platformId: string; label: string }, ctx: Ctx) => keys().create(ctx, args.platformId, args.label),
        revokePlatformKey: (_: Root, args: { id: string }, ctx: Ctx) => keys().revoke(ctx, args.id),
        rotatePlatformKey: (_: Root, args: { id: string }, ctx: Ctx) => keys().rotate(ctx, args.id),
      },
      Platform: {
        typeAvailable: (p: Platform) => platforms().typeAvailable(p.type),
        platformType: (p: Platform) => {
          const type = platforms().typeDefinition(p.type);
          return type ? toPlatformTypeView(type) : null;
        },
        capabilities: (p: Platform) => platforms().capabilities(p.type),
      },
      PlatformKey: {
        masked: (k: PlatformKey) => `${k.prefix}…`,
        active: (k: PlatformKey) => k.revokedAt === null,
      },
    };
  },
};

/** The platforms module's slice of the channel API: the current platform. */
export const platformChannelGraphQL: GraphQLContribution = {
  typeDefs: platformChannelTypeDefs,
  resolvers: (scope) => ({
    Query: {
      platform: (_: Root, __: unknown, ctx: Ctx) => scope.container.resolve(PlatformService).current(ctx),
    },
  }),
};
