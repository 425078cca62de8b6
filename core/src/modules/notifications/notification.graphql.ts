import type { GraphQLContribution } from '../../kernel/plugin.js';
import type { Ctx } from '../../kernel/context.js';
import { requirePermission } from '../../kernel/authorization.js';
import type { PageArgs } from '../../gateway/connection.js';
import { NotificationPermission } from './notification.permissions.js';
import { NotificationService, type NotificationFilter } from './notification.service.js';
import { NotificationTemplates } from './notification-templates.js';
import { NotificationProviders } from './notification-providers.js';
import { notificationAdminTypeDefs } from './notification.schema.js';
import type { TemplateVariables } from './template-render.js';

const enumOf = (names: string[]) => Object.fromEntries(names.map((n) => [n, n.toLowerCase()]));

/** The admin API of customer messages. */
export const notificationAdminGraphQL: GraphQLContribution = {
  typeDefs: notificationAdminTypeDefs,
  resolvers: (scope) => {
    const service = () => scope.container.resolve(NotificationService);
    return {
      NotificationStatus: enumOf(['QUEUED', 'SENT', 'FAILED', 'SKIPPED']),
      Query: {
        notificationMessages: (_: unknown, args: PageArgs & { filter?: NotificationFilter | null }, ctx: Ctx) => service().list(ctx, args),
        notificationTemplates: (_: unknown, _args: unknown, ctx: Ctx) => {
          requirePermission(ctx, NotificationPermission.Read);
          return scope.container.resolve(NotificationTemplates).list().map((t) => ({
            code: t.code,
            name: t.name,
            description: t.description ?? null,
            category: t.category,
            security: t.security === true,
            locales: Object.keys(t.locales).sort(),
            variables: t.variables.map((v) => ({ name: v.name, description: v.description, required: v.required === true, kind: v.kind ?? 'text' })),
          }));
        },
        previewNotification: (_: unknown, args: { template: string; locale: string; variables?: TemplateVariables | null }, ctx: Ctx) => service().preview(ctx, args),
        notificationProviders: (_: unknown, _args: unknown, ctx: Ctx) => {
          requirePermission(ctx, NotificationPermission.Read);
          return scope.container.resolve(NotificationProviders).describe();
        },
      },
    };
  },
};
