/**
 * The permissions carts check. The module declares none of its own: checkout settings are a
 * platform's configuration (`platforms.manage`, declared by the platforms module) and draft
 * orders use `orders.draft` (declared by the orders module).
 */
export const CartPermission = {
  /** Read and change a platform's checkout settings. */
  Settings: 'platforms.manage',
  /** Build, send and complete draft orders for a platform. */
  Draft: 'orders.draft',
} as const;
