import type { InjectionToken } from 'tsyringe';
import type { EventsRuntime } from '../events/index.js';
import type { JobsRuntime } from '../jobs/index.js';

/** Tokens the core's own modules use; not part of the public plugin API. */
export const InternalTokens = {
  EventsRuntime: Symbol.for('plaza.internal.EventsRuntime') as InjectionToken<EventsRuntime>,
  JobsRuntime: Symbol.for('plaza.internal.JobsRuntime') as InjectionToken<JobsRuntime>,
} as const;
