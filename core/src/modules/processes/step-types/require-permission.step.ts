import { z } from 'zod';
import { can } from '../../../kernel/authorization.js';
import type { GuardStepType } from '../../../kernel/process-contributions.js';

const config = z.object({
  permission: z.string().min(1).describe('The permission the person taking the step must hold for the record’s platform'),
});

/** Only someone holding a permission (for the instance's platform) may take the transition; the system always may. */
export const requirePermissionStep: GuardStepType<z.output<typeof config>> = {
  code: 'core.require_permission',
  kind: 'guard',
  label: 'Require a permission',
  description: 'Only staff holding this permission for the record’s platform may take this step',
  configSchema: config,
  check({ ctx, config: { permission }, instance }) {
    const actor = ctx.actor;
    if (actor?.kind === 'system') return { ok: true };
    if (can(actor, permission, { platformId: instance.platformId })) return { ok: true };
    return { ok: false, message: `This needs the permission “${permission}”`, reason: 'PERMISSION_MISSING' };
  },
};
