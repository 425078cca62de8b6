import { SYSTEM_ACTOR, type Ctx } from '../../kernel/context.js';

/** The same context (and transaction) acting as the system: for the order process transitions this module takes. */
export function asSystem(ctx: Ctx): Ctx {
  return { ...ctx, actor: SYSTEM_ACTOR, loaders: ctx.loaders };
}
