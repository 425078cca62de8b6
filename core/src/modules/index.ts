import type { PluginManifest } from '../kernel/plugin.js';
import { auditModule } from './audit/index.js';
import { catalogModule } from './catalog/index.js';
import { catalogIoModule } from './catalog-io/index.js';
import { customersModule } from './customers/index.js';
import { inventoryModule } from './inventory/index.js';
import { notificationsModule } from './notifications/index.js';
import { paymentsModule } from './payments/index.js';
import { locationsModule } from './inventory/locations/index.js';
import { pickupSlotsModule } from './pickup-slots/index.js';
import { ordersModule } from './orders/index.js';
import { cartsModule } from './carts/index.js';
import { fulfillmentModule } from './fulfillment/index.js';
import { platformsModule } from './platforms/index.js';
import { processesModule } from './processes/index.js';
import { pricingModule } from './pricing/index.js';
import { rolesModule } from './roles/index.js';
import { searchModule } from './search/index.js';
import { systemModule } from './system/index.js';
import { taxModule } from './tax/index.js';
import { shippingModule } from './shipping/index.js';

/** The core's built-in modules, in boot order. They are plugins like any other. */
export const coreModules: PluginManifest[] = [
  systemModule,
  auditModule,
  platformsModule,
  rolesModule,
  processesModule,
  customersModule,
  paymentsModule,
  notificationsModule,
  taxModule,
  catalogModule,
  pricingModule,
  shippingModule,
  locationsModule,
  inventoryModule,
  pickupSlotsModule,
  ordersModule,
  cartsModule,
  fulfillmentModule,
  searchModule,
  catalogIoModule,
] as PluginManifest[];
