import type { z } from 'zod';
import { PlazaError, type FieldError } from './errors.js';

/** zod issues as field errors, their paths under `prefix` (e.g. `settings`, `lines[2]`). */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
    return { path: path || 'input', message: issue.message };
  });
}

/** Parses `input` with `schema`; BAD_USER_INPUT naming every field problem (with `reason`) otherwise. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string, reason: string, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = toFieldErrors(result.error.issues, prefix);
  throw new PlazaError('BAD_USER_INPUT', `The ${what} input is invalid: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, { fields, reason });
}
