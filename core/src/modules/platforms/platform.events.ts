import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

/** A platform was created. */
export const platformCreated = defineEvent(
  'platform.created',
  z.object({ platformId: z.string(), code: z.string(), type: z.string() }),
  'A platform (sales channel) was created',
);

/** A platform's fields changed (`changed` lists the field names); caches of it must be dropped. */
export const platformUpdated = defineEvent(
  'platform.updated',
  z.object({ platformId: z.string(), code: z.string(), changed: z.array(z.string()) }),
  'A platform was edited',
);

/** A platform was disabled: its keys stop working. */
export const platformDisabled = defineEvent(
  'platform.disabled',
  z.object({ platformId: z.string(), code: z.string() }),
  'A platform was disabled; its front ends are refused',
);

/** A disabled platform was enabled again. */
export const platformEnabled = defineEvent(
  'platform.enabled',
  z.object({ platformId: z.string(), code: z.string() }),
  'A disabled platform was enabled again',
);

/** A publishable key was revoked (directly, or replaced by a rotation). */
export const platformKeyRevoked = defineEvent(
  'platform_key.revoked',
  z.object({ platformId: z.string(), keyId: z.string(), rotatedTo: z.string().nullable() }),
  'A publishable key of a platform was revoked',
);

/** Every event the platforms module declares. */
export const platformEvents = [platformCreated, platformUpdated, platformDisabled, platformEnabled, platformKeyRevoked];
