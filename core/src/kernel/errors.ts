/**
 * The one error catalogue of Plaza. Every failure a client or operator may see carries a
 * stable `code`; the gateway copies it to `extensions.code` and never shows a stack trace.
 */

/** Generic codes a front end can branch on (GraphQL `extensions.code`). */
export const ErrorCodes = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  RATE_LIMITED: 'RATE_LIMITED',
  CONFIG_INVALID: 'CONFIG_INVALID',
  PLUGIN_INVALID: 'PLUGIN_INVALID',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;

/** One of the generic error codes. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** A problem with one field of an input, for forms that show errors inline. */
export interface FieldError {
  path: string;
  message: string;
}

/** Options of a {@link PlazaError}. */
export interface PlazaErrorOptions {
  /** A precise, stable reason within the area, e.g. `WEBHOOK_URL_INVALID`. */
  reason?: string;
  /** Field-level problems (BAD_USER_INPUT). */
  fields?: FieldError[];
  /** Extra machine-readable details; never secrets, SQL or stack traces. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** An expected failure with a stable code and a message a person can act on. */
export class PlazaError extends Error {
  readonly code: ErrorCode;
  readonly reason: string | undefined;
  readonly fields: FieldError[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: PlazaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlazaError';
    this.code = code;
    this.reason = options.reason;
    this.fields = options.fields;
    this.details = options.details;
  }

  /** The error's public extensions (for GraphQL and logs). */
  toExtensions(): Record<string, unknown> {
    const ext: Record<string, unknown> = { code: this.code };
    if (this.reason) ext.reason = this.reason;
    if (this.fields) ext.fields = this.fields;
    if (this.details) Object.assign(ext, { details: this.details });
    return ext;
  }
}

/** Is this value a {@link PlazaError}? (works across module copies) */
export function isPlazaError(value: unknown): value is PlazaError {
  return value instanceof PlazaError || (value instanceof Error && value.name === 'PlazaError' && 'code' in value);
}

/** Shorthand constructors for the common cases. */
export const errors = {
  badInput: (message: string, fields?: FieldError[], reason?: string) =>
    new PlazaError('BAD_USER_INPUT', message, { fields, reason }),
  unauthenticated: (message: string, reason?: string) => new PlazaError('UNAUTHENTICATED', message, { reason }),
  forbidden: (message: string, reason?: string) => new PlazaError('FORBIDDEN', message, { reason }),
  notFound: (what: string, id: string) =>
    new PlazaError('NOT_FOUND', `${what} ${id} does not exist`, { details: { id } }),
  conflict: (message: string, reason?: string) => new PlazaError('CONFLICT', message, { reason }),
};
