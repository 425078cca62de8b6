/**
 * `@plaza/core` — the public API for plugins and hosts. Plugins reach the core only through
 * these exports and the container tokens in {@link Tokens}.
 */
import 'reflect-metadata';

export { inject, injectable, singleton } from 'tsyringe';
export type { DependencyContainer, InjectionToken } from 'tsyringe';
export { definePlugin, defineEvent, defineJob } from './kernel/plugin.js';
export type {
  PluginManifest,
  PluginEntry,
  PluginScope,
  Migration,
  EventDefinition,
  DomainEvent,
  SubscriberHandler,
  JobDefinition,
  PermissionDefinition,
  PlatformTypeDefinition,
  GraphQLContribution,
  AuthHooks,
  SeedHooks,
  SeedReport,
  ScalePlan,
} from './kernel/plugin.js';
export { defineConfig, resolveConfig } from './kernel/config.js';
export type { PlazaUserConfig, ResolvedConfig } from './kernel/config.js';
export { createCtx, requirePlatform, SYSTEM_ACTOR } from './kernel/context.js';
export { can, effectivePermissions, permissionScope, requireActor, requirePermission, unscopedGrant } from './kernel/authorization.js';
export type { Grant, PermissionScope, PermissionTarget } from './kernel/authorization.js';
export type { Actor, ApiSurface, Ctx, PlatformRef } from './kernel/context.js';
export { PlazaError, ErrorCodes, errors, isPlazaError } from './kernel/errors.js';
export type { ErrorCode, FieldError } from './kernel/errors.js';
export { newId, idPrefix } from './kernel/ids.js';
export { Tokens } from './kernel/tokens.js';
export type { AuditEntry, AuditLog } from './kernel/audit-log.js';
export { createPlaza, Plaza } from './kernel/plaza.js';
export { CORE_PLUGIN_NAME } from './kernel/plugin-order.js';
export { PLAZA_VERSION } from './kernel/version.js';
export { inTransaction, afterCommit, isTransaction } from './db/transaction.js';
export { dialectOf } from './db/database.js';
export type { Dialect } from './db/database.js';
export { toJson, fromJson, toDate } from './db/json-column.js';
export { LoaderRegistry } from './gateway/loader-registry.js';
export { readPageArgs, toConnection, encodeCursor, decodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './gateway/connection.js';
export type { Connection, Edge, PageArgs, PageInfo, PageRequest } from './gateway/connection.js';
export type { EventBus, PublishOptions } from './events/event-bus.js';
export type { JobQueue, EnqueueOptions, JobRecord } from './jobs/job-queue.js';
export { PlatformService } from './modules/platforms/index.js';
export type { Platform, PlatformKey, PlatformStatus } from './modules/platforms/index.js';
export { StaffService, RoleService, AssignmentService, BUILT_IN_ROLES, OWNER_ROLE } from './modules/roles/index.js';
export { LocationService, ClockToken, haversineKm, openingState, pickupReadiness } from './modules/inventory/locations/index.js';
export type { Clock, GeoPoint, NearbyInput, NearbyLocation, OpeningHours, OpeningState, PickupReadiness, PlatformLocationLink, StockLocation } from './modules/inventory/locations/index.js';
export { CatalogService, CatalogTables, CatalogPermission, normalizeGtin, parseGtin, isValidGtin, gtinCheckDigit } from './modules/catalog/index.js';
export type { ChannelProduct, ProductWithVariants, UpsertResult, ProductInput, VariantInput, Product as CatalogProduct, Variant as CatalogVariant, ProductStatus, Category as CatalogCategory, Collection as CatalogCollection } from './modules/catalog/index.js';
export { PriceListService, PriceService, PlatformPricingService, VariantPriceResolver, CustomerGroupResolverToken, PricingPermission, PricingTables, currencyExponent, formatMoney, isCurrency, parseMoney, toDecimalString } from './modules/pricing/index.js';
export type { CustomerGroupResolver, Money, MoneyParseResult, PriceList, Price, PriceListStatus, PriceInput, VariantPrice, PriceResolutionInput, PlatformPricingSettings } from './modules/pricing/index.js';
export { InventoryService, InventoryPermission } from './modules/inventory/index.js';
export type { ReserveInput, ReserveResult, CommitResult, ReservationSelector, SellInput, StockChange, StockLevel, StockMovement, StockReservation, StockReference, StockTransfer, VariantAvailability, StockDrift } from './modules/inventory/index.js';
export { SearchService } from './modules/search/index.js';
export { CustomerService, IdentityResolver, CustomerMergeService, CustomerTimeline, CustomerAddresses, CustomerConsents, CustomerAccounts, CustomerPrivacy, CustomerLookup, CustomerGroups, CustomerSegments, CustomerPermission, normaliseIdentity, maskIdentity } from './modules/customers/index.js';
export type { Customer, CustomerIdentity, CustomerFigures, TimelineEntry, CustomerStatus, CustomerFilter, ResolveInput, ResolveResult, MergePreview, MergeResult, MergeSuggestion, MergeEvidence, IdentityKind, IdentityInput, CustomerAddress, Consent, CustomerExport, ErasureResult, LookupHit, LookupResult, CustomerGroup, CustomerSegment, SegmentRule } from './modules/customers/index.js';
export type { CustomerActivity, CustomerDataSource, CustomerPurchase } from './kernel/customer-data.js';
export { ProcessService, ProcessDefinitionService, ProcessBindingService, ProcessPermission } from './modules/processes/index.js';
export type { AvailableTransition, InstanceFilter, BindInput, UnbindInput, StartProcessInput, TransitionRequest, ProcessDefinition, ProcessVersion, ProcessBinding, ProcessInstance, ProcessHistoryEntry, HistoryOutcome, TriggerKind, InstanceStatus, ProcessDocument, ProcessDocumentInput, ProcessState, ProcessTransition, StepUse, Trigger, ValidationProblem, DryRunSample, DryRunResult, DryRunStep } from './modules/processes/index.js';
export type { StepContext, StepInstance, GuardResult, StepResult, ArmedTrigger, GuardStepType, ActionStepType, StepTypeDefinition, AnyStepType, ProcessKindDefinition, ProcessMilestone, DefinitionOutline } from './kernel/process-contributions.js';
export type { SearchArgs, SearchBackend, SearchFacets, SearchFilterInput, ProductSearchResult } from './modules/search/index.js';
export { CatalogImportService, CatalogExportService, CatalogIoPermission } from './modules/catalog-io/index.js';
export type { ImportSummary, ImportProgress, ImportOptions, ExportSummary, RowError } from './modules/catalog-io/index.js';
export { TaxService, TaxPermission, computeTax, taxOfAmount, matchZone, TAX_CATEGORIES } from './modules/tax/index.js';
export type { TaxComputation, TaxCategory, TaxLineInput, TaxedLine, TaxBreakdownRow, TaxResult, TaxZone, Destination, ComputeTaxInput } from './modules/tax/index.js';
export { ShippingService, ShippingPermission, quoteShipping } from './modules/shipping/index.js';
export type { ShippingQuoteResult, ShippingMethod, ShippingZone, ShippingQuote, QuoteShippingInput } from './modules/shipping/index.js';
export { PickupSlotService } from './modules/pickup-slots/index.js';
export type { PickupSlot, SlotSettings } from './modules/pickup-slots/index.js';
export { SourcingStrategyToken, DefaultSourcing } from './modules/inventory/index.js';
export type { SourcingStrategy, SourcingRequest, SourcingPlan, SourcingLine, SourcingAssignment } from './modules/inventory/index.js';
export { NotificationService, NotificationTemplates, NotificationProviders, PermanentSendError, NotificationPermission } from './modules/notifications/index.js';
export type { NotificationProvider, OutgoingMessage, SendResult, NotificationTemplate, TemplateContent, TemplateVariable, NotificationRequest, NotificationMessage } from './modules/notifications/index.js';
export { PaymentService, PaymentLedger, PaymentProviders, PAYMENT_METHODS, PaymentPermission, SandboxCardGateway, SANDBOX_CARDS, SANDBOX_CARD, PAYMENT_WEBHOOK_PREFIX } from './modules/payments/index.js';
export type { PaymentResult, WebhookOutcome, PaymentsReportRow, PaymentProvider, PaymentMethod, ProviderOutcome, ProviderOperation, ProviderWebhookEvent, CardInput, Payment, PaymentTransaction, PaymentStatus, TransactionKind, TransactionStatus, AuthorizeInput, CaptureInput, ConfirmInput, RefundInput, VoidInput, LedgerFilter, ReportInput } from './modules/payments/index.js';
export { OrderService, OrderPlacement, OrderHooks, OrderPlacementToken, OrderNumbers, OrderPayments, OrderCancellation, OrderEdits, OrderPermission, OrderTables } from './modules/orders/index.js';
export type { DeliveryMode, OrderAddress, PlaceOrderLine, PlaceOrderAdjustment, PlaceOrderDelivery, PlaceOrderInput, PlacedOrder, PlacedOrderView, OrderHook, Order, OrderLine, OrderAdjustment, OrderStatus, OrderPaymentStatus, OrderFilter, EditOrderInput, AddOrderPaymentInput } from './modules/orders/index.js';
export { CartService, CartCheckout, CartPlacement, CartAdjusters, CartDeliveryService, CheckoutSettingsService, DraftOrders, CartTables } from './modules/carts/index.js';
export type { CartAdjuster, CartSnapshot, CartView, Cart, CartLine, CartAdjustment, CartTaxLine, CartDelivery, CartStatus, CheckoutSettings, DeliveryOptions, PickupOption, ShippingOption, OrderAheadOption, PlaceResult } from './modules/carts/index.js';
export { FulfillmentService, FulfillmentQueries, PickupService, FulfillmentPermission, FulfillmentTables, pickupQrContent, pickupQrDataUrl, parsePickupCode } from './modules/fulfillment/index.js';
export type { Fulfillment, FulfillmentLine, FulfillmentMode, FulfillmentStatus, FulfillmentFilter, PickupMatch } from './modules/fulfillment/index.js';
