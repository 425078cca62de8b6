import type { InjectionToken } from 'tsyringe';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { EventBus } from '../events/event-bus.js';
import type { AuditLog } from './audit-log.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { ResolvedConfig } from './config.js';
import type { PluginRegistry } from './plugin-registry.js';

/**
 * The core's public injection tokens. Every plugin's child container can resolve these;
 * plugins add their own through `exports`.
 */
export const Tokens = {
  /** The root knex instance. Inside a transaction use `ctx.db`, never this. */
  Database: Symbol.for('plaza.Database') as InjectionToken<Knex>,
  Config: Symbol.for('plaza.Config') as InjectionToken<ResolvedConfig>,
  Logger: Symbol.for('plaza.Logger') as InjectionToken<Logger>,
  EventBus: Symbol.for('plaza.EventBus') as InjectionToken<EventBus>,
  JobQueue: Symbol.for('plaza.JobQueue') as InjectionToken<JobQueue>,
  /** The audit log (bound by the audit module); record every staff and integration write. */
  AuditLog: Symbol.for('plaza.AuditLog') as InjectionToken<AuditLog>,
  /** Every loaded plugin, its events, permissions and jobs. */
  Plugins: Symbol.for('plaza.Plugins') as InjectionToken<PluginRegistry>,
} as const;
