import { definePlugin, defineJob, CORE_PLUGIN_NAME } from '@plaza/core';
import { z } from 'zod';
import { noticeExpired, noticePublished } from './notice.events.js';
import { noticeAdminGraphQL } from './notice.graphql.js';
import { noticeMigrations } from './notice.migrations.js';
import { NoticeService } from './notice.service.js';

const configSchema = z.object({
  /** Cron schedule of the expiry sweep. */
  expireCron: z.string().default('* * * * *'),
  /** Title of the notice the demo seed publishes. */
  welcomeTitle: z.string().min(1).default('Welcome to Plaza'),
});

/**
 * Store notices — the worked example of docs/plugins.md: a table (migration), a service in
 * the plugin's container, an admin GraphQL type and mutation, two events, an idempotent
 * subscriber, a recurring job and demo seed data.
 */
export default definePlugin({
  name: '@plaza/plugin-example',
  version: '0.1.0',
  description: 'Store notices (example plugin)',
  requires: [CORE_PLUGIN_NAME],
  configSchema,
  register(scope) {
    scope.container.registerSingleton(NoticeService);
  },
  exports: [NoticeService],
  migrations: noticeMigrations,
  events: [noticePublished, noticeExpired],
  permissions: [
    { code: 'notices.read', description: 'See store notices' },
    { code: 'notices.manage', description: 'Publish store notices' },
  ],
  subscribers: {
    'notice.published': async (event, ctx, scope) => {
      const { noticeId } = event.payload as { noticeId: string };
      await scope.container.resolve(NoticeService).recordActivity(ctx, event.id, noticeId, 'published');
    },
    'notice.expired': async (event, ctx, scope) => {
      const { noticeId } = event.payload as { noticeId: string };
      await scope.container.resolve(NoticeService).recordActivity(ctx, event.id, noticeId, 'expired');
    },
  },
  jobs: [
    defineJob({
      name: 'notices.expire',
      description: 'Takes down notices past their expiry',
      cron: '* * * * *',
      async run(_payload, ctx, scope) {
        const expired = await scope.container.resolve(NoticeService).expireDue(ctx);
        if (expired > 0) scope.logger.info({ expired }, 'expired store notices');
      },
    }),
  ],
  graphql: { admin: noticeAdminGraphQL },
  seed: {
    async demo(ctx, scope) {
      await scope.container.resolve(NoticeService).publish(ctx, {
        title: scope.config.welcomeTitle,
        body: 'This notice comes from the example plugin (plugins/example). See docs/plugins.md to write your own.',
      });
    },
  },
});
