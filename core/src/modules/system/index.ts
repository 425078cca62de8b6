import { mergeResolvers, mergeTypeDefs } from '@graphql-tools/merge';
import type { IResolvers } from '@graphql-tools/utils';
import { eventMigrations, eventPermissions, eventsAdminGraphQL } from '../../events/index.js';
import { jobMigrations, jobPermissions, jobsAdminGraphQL } from '../../jobs/index.js';
import { InternalTokens } from '../../kernel/internal-tokens.js';
import type { Ctx } from '../../kernel/context.js';
import { definePlugin, type PluginScope } from '../../kernel/plugin.js';
import { CORE_PLUGIN_NAME } from '../../kernel/plugin-order.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { connectLiveEvents, liveEventsGraphQL } from './live-events.graphql.js';
import { metaMigrations } from './meta.migrations.js';
import { retentionJob } from './retention.job.js';

const disconnects = new WeakMap<object, () => void>();

/**
 * The kernel's own module, named `@plaza/core`: the outbox, deliveries, webhooks, jobs and
 * meta tables; the staff APIs for webhooks, dead letters and jobs; live domain events over SSE.
 */
export const systemModule = definePlugin({
  name: CORE_PLUGIN_NAME,
  version: PLAZA_VERSION,
  description: 'Plaza kernel: events outbox, webhooks, jobs',
  migrations: [
    ...metaMigrations.map((m) => ({ ...m, name: `meta_${m.name}` })),
    ...eventMigrations.map((m) => ({ ...m, name: `events_${m.name}` })),
    ...jobMigrations.map((m) => ({ ...m, name: `jobs_${m.name}` })),
  ],
  permissions: [...eventPermissions, ...jobPermissions],
  jobs: [retentionJob],
  graphql: {
    admin: {
      typeDefs: mergeTypeDefs([eventsAdminGraphQL.typeDefs, jobsAdminGraphQL.typeDefs, liveEventsGraphQL.typeDefs]),
      resolvers: (scope: PluginScope<unknown>): IResolvers<unknown, Ctx> => {
        const events = scope.container.resolve(InternalTokens.EventsRuntime);
        const jobs = scope.container.resolve(InternalTokens.JobsRuntime);
        return mergeResolvers([
          eventsAdminGraphQL.resolvers(events),
          jobsAdminGraphQL.resolvers(jobs),
          liveEventsGraphQL.resolvers!(scope),
        ]) as IResolvers<unknown, Ctx>;
      },
    },
  },
  onReady(scope) {
    disconnects.set(scope.container, connectLiveEvents(scope));
  },
  onClose(scope) {
    disconnects.get(scope.container)?.();
  },
});
