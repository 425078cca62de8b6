import { definePlugin } from '../../kernel/plugin.js';
import { PLAZA_VERSION } from '../../kernel/version.js';
import { lazyAuditLog } from '../platforms/platform.tokens.js';
import { manualProvider } from './manual.provider.js';
import { paymentConfigSchema } from './payment.config.js';
import { paymentEvents } from './payment.events.js';
import { paymentAdminGraphQL } from './payment.graphql.js';
import { PaymentLedger } from './payment-ledger.js';
import { paymentMigrations, PaymentTables } from './payment.migrations.js';
import { paymentPermissions } from './payment.permissions.js';
import { PaymentProviders } from './payment-provider.js';
import { PaymentService } from './payment.service.js';
import { PaymentStore } from './payment.store.js';
import { PaymentWebhookService } from './payment-webhook.service.js';
import { PaymentTokens } from './payment.tokens.js';
import { paymentWebhookRoute, sandboxWebhookJob } from './payment.webhooks.js';
import { SandboxCardGateway } from './sandbox-card.gateway.js';
import { sandboxCardProvider } from './sandbox-card.provider.js';

export { PaymentService, type PaymentResult } from './payment.service.js';
export { PaymentWebhookService, type WebhookOutcome } from './payment-webhook.service.js';
export { PaymentStore } from './payment.store.js';
export { PaymentLedger, type PaymentsReportRow } from './payment-ledger.js';
export { PaymentProviders, PAYMENT_METHODS } from './payment-provider.js';
export type { PaymentProvider, PaymentMethod, ProviderOutcome, ProviderOperation, ProviderWebhookEvent, CardInput } from './payment-provider.js';
export type { Payment, PaymentTransaction, PaymentStatus, TransactionKind, TransactionStatus } from './payment.records.js';
export type { AuthorizeInput, CaptureInput, ConfirmInput, RefundInput, VoidInput, LedgerFilter, ReportInput } from './payment.inputs.js';
export { PaymentPermission, paymentPermissions } from './payment.permissions.js';
export { PaymentTables } from './payment.migrations.js';
export { SandboxCardGateway, SANDBOX_CARDS } from './sandbox-card.gateway.js';
export { SANDBOX_CARD } from './sandbox-card.provider.js';
export { PAYMENT_WEBHOOK_PREFIX } from './payment.webhooks.js';

/**
 * The payments module: providers (built in: `manual` and the `sandbox-card` gateway; plugins
 * register more on {@link PaymentProviders}), payments per order (split tenders), the unified
 * ledger of every money movement, provider webhooks at `/webhooks/payments/<provider>`, and
 * the payments report. See docs/payments.md.
 */
export const paymentsModule = definePlugin({
  name: 'core.payments',
  version: PLAZA_VERSION,
  description: 'Payments: providers, payments per order, the unified ledger, webhooks and the payments report',
  requires: ['core.platforms', 'core.roles'],
  configSchema: paymentConfigSchema,
  migrations: paymentMigrations,
  permissions: paymentPermissions,
  events: paymentEvents,
  jobs: [sandboxWebhookJob],
  httpRoutes: [paymentWebhookRoute],
  // Ids and amounts only (no personal columns): kept on erasure for the accounts, moved on merge.
  customerData: [
    { table: PaymentTables.payment, customerColumn: 'customer_id', label: 'payments', onMerge: 'repoint', onErase: 'anonymise', personal: {} },
    { table: PaymentTables.transaction, customerColumn: 'customer_id', label: 'payment transactions', onMerge: 'repoint', onErase: 'anonymise', personal: {} },
  ],
  graphql: { admin: paymentAdminGraphQL },
  register({ container, config }) {
    container.registerInstance(PaymentTokens.Audit, lazyAuditLog(container));
    container.registerInstance(PaymentTokens.Config, config);
    const providers = new PaymentProviders();
    container.registerInstance(PaymentProviders, providers);
    container.registerSingleton(SandboxCardGateway);
    container.registerSingleton(PaymentStore);
    container.registerSingleton(PaymentWebhookService);
    container.registerSingleton(PaymentService);
    container.registerSingleton(PaymentLedger);
    providers.register(manualProvider);
    if (config.sandboxCard.enabled) {
      const gatewayOf = (): SandboxCardGateway => {
        const gateway = container.resolve(SandboxCardGateway);
        gateway.duplicateWebhooks = config.sandboxCard.duplicateWebhooks;
        return gateway;
      };
      providers.register(sandboxCardProvider(gatewayOf, config.sandboxCard.webhookSecret));
    }
  },
  exports: [PaymentService, PaymentLedger, PaymentProviders, SandboxCardGateway],
});
