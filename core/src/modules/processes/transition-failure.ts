import { isPlazaError, PlazaError } from '../../kernel/errors.js';
import type { GuardVerdict } from './guard-evaluation.js';
import type { TriggerKind } from './process.records.js';

/** The public side of a step's error: code, reason and message, never a stack trace. */
export interface StepErrorSummary {
  code: string;
  reason: string | null;
  message: string;
}

/** Summarises any error a step threw (unexpected errors keep only their message). */
export function summarizeError(error: unknown): StepErrorSummary {
  if (isPlazaError(error)) return { code: error.code, reason: error.reason ?? null, message: error.message };
  return { code: 'STEP_FAILED', reason: null, message: error instanceof Error ? error.message : String(error) };
}

/** How a transition that could not be taken is recorded and reported. */
export interface FailureRecord {
  instanceId: string;
  transition: string;
  state: string;
  outcome: 'rejected' | 'failed';
  trigger: TriggerKind;
  input: Record<string, unknown>;
  detail: Record<string, unknown>;
}

/**
 * Thrown inside a transition's transaction when a guard refuses it or an in-transaction action
 * fails: the transaction rolls back, then the engine records the failure and throws `error`.
 */
export class TransitionFailure extends Error {
  constructor(
    readonly record: FailureRecord,
    readonly error: PlazaError,
  ) {
    super(error.message);
    this.name = 'TransitionFailure';
  }
}

/** The error a refused guard gives the caller: BAD_USER_INPUT for a missing field, else CONFLICT. */
export function guardError(verdict: GuardVerdict, verdicts: GuardVerdict[]): PlazaError {
  const field = verdict.field;
  const message = verdict.message ?? `${verdict.label} did not allow this`;
  if (field) return new PlazaError('BAD_USER_INPUT', message, { reason: verdict.reason ?? 'FIELD_REQUIRED', fields: [{ path: field, message }], details: { guards: verdicts } });
  return new PlazaError('CONFLICT', message, { reason: verdict.reason ?? 'GUARD_FAILED', details: { guards: verdicts } });
}

/** The error an action failure gives the caller. */
export function actionError(type: string, error: unknown): PlazaError {
  if (isPlazaError(error)) return error;
  return new PlazaError('CONFLICT', `The step "${type}" failed: ${error instanceof Error ? error.message : String(error)}`, { reason: 'STEP_FAILED', cause: error });
}
