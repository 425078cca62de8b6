import { singleton } from 'tsyringe';
import type { Ctx } from '../../kernel/context.js';
import type { OrderHook, PlacedOrderView } from './order-placement.types.js';

/**
 * The hooks modules and plugins register to act inside an order's own transaction (placement,
 * cancellation). They run in registration order; a hook that throws rolls the whole write back.
 */
@singleton()
export class OrderHooks {
  private readonly hooks: OrderHook[] = [];

  register(hook: OrderHook): void {
    if (this.hooks.some((h) => h.name === hook.name)) throw new Error(`Order hook "${hook.name}" is registered twice`);
    this.hooks.push(hook);
  }

  async afterPlace(trx: Ctx, order: PlacedOrderView): Promise<void> {
    for (const hook of this.hooks) if (hook.afterPlace) await hook.afterPlace(trx, order);
  }

  async afterCancel(trx: Ctx, order: { id: string; platformId: string }): Promise<void> {
    for (const hook of this.hooks) if (hook.afterCancel) await hook.afterCancel(trx, order);
  }
}
