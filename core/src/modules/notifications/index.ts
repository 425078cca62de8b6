import path from 'node:path';
import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { Tokens } from '../../kernel/tokens.js';
import { NotificationTables, notificationMigrations } from './notification.migrations.js';
import { notificationEvents } from './notification.events.js';
import { notificationPermissions } from './notification.permissions.js';
import { notificationJobs } from './notification.jobs.js';
import { notificationSubscribers } from './notification.subscribers.js';
import { notificationAdminGraphQL } from './notification.graphql.js';
import { NotificationService } from './notification.service.js';
import { NotificationTemplates } from './notification-templates.js';
import { builtInEmailProvider, NotificationProviders } from './notification-providers.js';
import { shippedTemplates } from './shipped-templates.js';

export { NotificationService, MAX_SEND_ATTEMPTS, type NotificationMessage, type NotificationRequest, type NotificationFilter, type MessageStatus } from './notification.service.js';
export { NotificationTemplates, pickLocale, type NotificationTemplate, type TemplateContent, type TemplateVariable, type RenderedMessage } from './notification-templates.js';
export { NotificationProviders, FileEmailProvider, SmtpEmailProvider, PermanentSendError, builtInEmailProvider, type NotificationProvider, type OutgoingMessage, type SendResult } from './notification-providers.js';
export { escapeHtml, renderTemplate, type TemplateVariables } from './template-render.js';
export { NotificationPermission, notificationPermissions } from './notification.permissions.js';
export { NotificationTables } from './notification.migrations.js';

/**
 * The notifications module: customer messages driven by events, from templates per locale
 * (English and Spanish shipped), through providers plugins contribute (built in: SMTP when
 * `SMTP_URL` is set, else `.eml` files under `<dataDir>/outbox/`). Respects consents; every
 * message is logged and sent ones appear on the customer's timeline. See docs/notifications.md.
 */
export const notificationsModule = definePlugin({
  name: 'core.notifications',
  version: PLAZA_VERSION,
  description: 'Customer messages: templates per locale, providers (SMTP, .eml files), consent-aware sending and its log',
  requires: ['core.customers', 'core.processes', 'core.platforms'],
  migrations: notificationMigrations,
  permissions: notificationPermissions,
  events: notificationEvents,
  jobs: notificationJobs,
  subscribers: notificationSubscribers,
  customerData: [
    {
      table: NotificationTables.message,
      customerColumn: 'customer_id',
      label: 'messages',
      personal: { recipient: 'null', variables: 'empty_object' },
      exportExclude: ['variables', 'recipient'],
    },
  ],
  graphql: { admin: notificationAdminGraphQL },
  register({ container }) {
    const config = container.resolve(Tokens.Config);
    const templates = new NotificationTemplates();
    for (const template of shippedTemplates) templates.register(template);
    const providers = new NotificationProviders();
    providers.use(builtInEmailProvider({ smtpUrl: config.notifications.smtpUrl, outboxDir: config.notifications.outboxDir ?? path.join(config.dataDir, 'outbox') }));
    container.registerInstance(NotificationTemplates, templates);
    container.registerInstance(NotificationProviders, providers);
    container.registerSingleton(NotificationService);
  },
  exports: [NotificationService, NotificationTemplates, NotificationProviders],
  onClose: ({ container }) => container.resolve(NotificationProviders).close(),
});
