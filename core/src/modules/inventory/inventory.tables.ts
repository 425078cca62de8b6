/** Table names of the inventory module (stock locations are the locations module's). */
export const InventoryTables = {
  /** One row per (variant, location): on_hand, reserved, the low-stock threshold. */
  level: 'inventory_level',
  /** The append-only ledger: every change of on_hand is one movement. */
  movement: 'inventory_movement',
  /** Units held for a cart, order or transfer; they change `reserved`, never `on_hand`. */
  reservation: 'inventory_reservation',
  /** Stock moving between two locations. */
  transfer: 'inventory_transfer',
  transferLine: 'inventory_transfer_line',
  /** The first result of every idempotent write, by key. */
  idempotency: 'inventory_idempotency',
} as const;

/** Tables of other modules this module references by foreign key (ids only). */
export const ReferencedTables = {
  variant: 'catalog_variant',
  location: 'inventory_location',
  platformLocation: 'inventory_platform_location',
} as const;
