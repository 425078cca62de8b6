/**
 * How a plugin's table relates to customers, declared in the manifest's `customerData`: the
 * customers module re-points its rows when two customers merge, exports them with everything
 * else known about a customer, anonymises their personal columns on erasure, and finds
 * customers by a lookup column (e.g. an order number).
 */
export interface CustomerDataSource {
  /** The table. */
  table: string;
  /** The column holding the customer id. */
  customerColumn: string;
  /** What the rows are, as an export names them (e.g. `orders`). */
  label: string;
  /** On merge: move the rows to the surviving customer (default), delete them, or leave them to the owner. */
  onMerge?: 'repoint' | 'delete' | 'skip';
  /** On erasure: delete the rows (sessions, tokens), or anonymise the `personal` columns (default). */
  onErase?: 'anonymise' | 'delete';
  /**
   * Columns holding personal data and how erasure clears them: `null`, `redact` (the text
   * "[erased]"), or `empty` (an empty JSON object/array for JSON columns).
   */
  personal?: Record<string, 'null' | 'redact' | 'empty_object' | 'empty_array'>;
  /** A column staff may find the customer by, exactly (e.g. an order number). */
  lookupColumn?: string;
  /** Columns left out of exports (secrets such as password or token hashes). */
  exportExclude?: string[];
}

/** A purchase a customer made, for lifetime figures and segments. */
export interface CustomerPurchase {
  currency: string;
  /** Integer minor units; negative for a refund. */
  amount: number;
  locationId?: string | null;
}

/**
 * What an event means for a customer's timeline and figures. An event definition's
 * `customerActivity(payload)` returns it (or null when the event is about nobody); the customers
 * module records it once per event.
 */
export interface CustomerActivity {
  customerId: string;
  platformId?: string | null;
  /** Short type of the entry, e.g. `order.placed`, `conversation.started`. */
  kind: string;
  /** One line staff read, without personal data (it is kept after erasure). */
  summary: string;
  occurredAt?: Date;
  reference?: { type: string; id: string } | null;
  /** Counts towards orders, spend per currency, last purchase and preferred store. */
  purchase?: CustomerPurchase | null;
  /** Extra, non-personal data for the entry. */
  data?: Record<string, unknown>;
}
