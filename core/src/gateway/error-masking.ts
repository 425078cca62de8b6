import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { isPlazaError } from '../kernel/errors.js';

/** GraphQLError by name, not instanceof: a test runner may load graphql's ESM and CJS builds side by side. */
function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof Error && value.name === 'GraphQLError';
}

function original(error: unknown): unknown {
  let current = error;
  while (isGraphQLError(current) && current.originalError) current = current.originalError;
  return current;
}

/**
 * Turns any resolver failure into a client-safe GraphQL error: PlazaErrors keep their message and
 * stable code; zod errors become BAD_USER_INPUT with field errors; GraphQL errors raised on
 * purpose keep theirs; anything else becomes a generic INTERNAL_SERVER_ERROR (logged with
 * its stack server-side, never sent to the client).
 */
export function createErrorMasker(logger: Logger): (error: unknown, message: string) => Error {
  return (error, message) => {
    const cause = original(error);
    const path = isGraphQLError(error) ? error.path : undefined;
    if (isPlazaError(cause)) {
      // No HTTP status here: a field error must not turn a partial result into a 401/403.
      return new GraphQLError(cause.message, { path, extensions: cause.toExtensions() });
    }
    if (cause instanceof ZodError) {
      const fields = cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return new GraphQLError(`Invalid input: ${fields.map((f) => `${f.path || 'input'}: ${f.message}`).join('; ')}`, {
        path,
        extensions: { code: 'BAD_USER_INPUT', fields },
      });
    }
    if (isGraphQLError(error) && !error.originalError) {
      if (!error.extensions.code) {
        return new GraphQLError(error.message, { nodes: error.nodes, path, extensions: { ...error.extensions, code: 'BAD_USER_INPUT' } });
      }
      return error;
    }
    if (isGraphQLError(cause)) {
      // A GraphQL error at the bottom of the chain: input coercion (a bad enum value or scalar in variables).
      const outer = isGraphQLError(error) ? error : cause;
      return new GraphQLError(outer.message, { nodes: outer.nodes, path, extensions: { code: cause.extensions.code ?? 'BAD_USER_INPUT' } });
    }
    logger.error({ err: cause, path }, 'unexpected error in a GraphQL operation');
    return new GraphQLError(message, { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}
