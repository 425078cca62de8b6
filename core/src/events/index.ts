/** The events subsystem: transactional outbox, dispatcher, subscribers, outbound webhooks, dead letters. */
export type { EventBus, PublishOptions } from './event-bus.js';
export { OutboxEventBus } from './outbox-event-bus.js';
export { EventDispatcher, type DispatchResult, type EventDispatcherOptions, type EventListener } from './event-dispatcher.js';
export { createEventsRuntime, type EventsRuntime, type EventsRuntimeOptions } from './events-runtime.js';
export { eventMigrations } from './events.migrations.js';
export { EventPermission, eventPermissions } from './events.permissions.js';
export { eventsAdminGraphQL, type EventsAdminSource } from './events.graphql.js';
export { WebhookService, generateWebhookSecret, type SubscriptionPageArgs, type WebhookServiceDeps } from './webhook.service.js';
export type { CreateWebhookInput, UpdateWebhookInput } from './webhook.inputs.js';
export type { WebhookAttemptView, WebhookSecretResult, WebhookSubscriptionView } from './webhook.views.js';
export { DeadLetterService, type DeadLetterServiceDeps } from './dead-letter.service.js';
export type { EventDeliveryView } from './delivery-views.js';
export type { DeliveryStatus, DeliveryTargetKind } from './event-records.js';
export { computeWebhookSignature, signWebhookPayload, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.js';
export { decideRetry, DEFAULT_MAX_RETRY_DELAY_MS, type RetryDecision, type RetryPolicy } from './retry-policy.js';
