import type { InjectionToken } from 'tsyringe';
import type { OrderPlacement } from '../orders/order-placement.types.js';

/** Tokens internal to the carts module. */
export const CartTokens = {
  /** The orders module's OrderPlacement, resolved at call time (it is bound after boot order allows). */
  Orders: Symbol.for('plaza.carts.Orders') as InjectionToken<OrderPlacement>,
  /** The storefront's base URL for payment links (module config `storefrontUrl`). */
  StorefrontUrl: Symbol.for('plaza.carts.StorefrontUrl') as InjectionToken<string>,
} as const;
