/** Starts the process of a record (an order, a fulfillment, a return…). */
export interface StartProcessInput {
  kind: string;
  /** The mode a platform binds separately (e.g. `pickup`); `default` when left out. */
  mode?: string | null;
  /** The record's type; the kind's subject type when left out. */
  subjectType?: string | null;
  subjectId: string;
  platformId: string | null;
  customerId?: string | null;
  /** Facts steps read (amount, currency, payment status…). */
  data?: Record<string, unknown>;
  tags?: string[];
}

/** Options of one transition. */
export interface TransitionRequest {
  /** Given to guards and actions, and kept in the history. */
  input?: Record<string, unknown> | null;
  /** The `seq` the caller saw; a different current value gives CONFLICT (STALE_TRANSITION). */
  expectedSeq?: number | null;
}

/** How a transition was set off: by a caller, or by the engine for an event or a timer. */
export type TransitionVia = 'request' | 'event' | 'timer';
