import { z } from 'zod';
import { errors } from '../../kernel/errors.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-hash.js';

const id = z.string().trim().min(1, 'is required').max(60);
const email = z.string().trim().toLowerCase().max(320, 'must be at most 320 characters').pipe(z.email('must be an email address'));
const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);
/** Null or omitted: everywhere. An empty list is refused (it would grant nothing). */
const scopeIds = z.array(id).min(1, 'list at least one id, or leave it out for "everywhere"').max(100, 'list at most 100 ids').nullish();

/** A role to give: by id or code, optionally scoped. */
export const assignmentInput = z
  .object({ roleId: id.nullish(), roleCode: z.string().trim().min(1).nullish(), platformIds: scopeIds, locationIds: scopeIds })
  .refine((a) => Boolean(a.roleId) !== Boolean(a.roleCode), { message: 'give either roleId or roleCode', path: ['roleId'] });
/** Input of a role assignment. */
export type AssignmentInput = z.input<typeof assignmentInput>;

/** Input of `StaffService.create`. Without a password one is generated and returned once. */
export const createStaffInput = z.object({
  email,
  name: name.optional(),
  password: password.nullish(),
  assignments: z.array(assignmentInput).max(20).nullish(),
});
/** Input of `StaffService.create`. */
export type CreateStaffInput = z.input<typeof createStaffInput>;

/** Input of `StaffService.update`: only the fields given change. */
export const updateStaffInput = z.object({ id, email: email.optional(), name: name.optional(), status: z.enum(['active', 'disabled']).optional() });
/** Input of `StaffService.update`. */
export type UpdateStaffInput = z.input<typeof updateStaffInput>;

const roleCode = z.string().trim().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be 2–63 lowercase letters, digits or dashes, starting with a letter');
const roleName = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
const description = z.string().trim().max(500, 'must be at most 500 characters').nullish();
const permissions = z.array(z.string().trim().min(1)).max(2000);

/** Input of `RoleService.create`. */
export const createRoleInput = z.object({ code: roleCode, name: roleName, description, permissions });
/** Input of `RoleService.create`. */
export type CreateRoleInput = z.input<typeof createRoleInput>;

/** Input of `RoleService.update`: only the fields given change. */
export const updateRoleInput = z.object({ id, name: roleName.optional(), description, permissions: permissions.optional() });
/** Input of `RoleService.update`. */
export type UpdateRoleInput = z.input<typeof updateRoleInput>;

/** Input of `IntegrationTokenService.create`. */
export const createTokenInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  roleId: id,
  platformIds: scopeIds,
  locationIds: scopeIds,
  expiresAt: z.coerce.date().nullish(),
});
/** Input of `IntegrationTokenService.create`. */
export type CreateTokenInput = z.input<typeof createTokenInput>;

/** Input of `SessionService.login`. */
export const loginInput = z.object({ email: z.string().trim().toLowerCase().min(1, 'is required').max(320), password: z.string().min(1, 'is required').max(MAX_PASSWORD_LENGTH) });

/** Input of `SessionService.changePassword`. */
export const changePasswordInput = z.object({ currentPassword: z.string().min(1, 'is required').max(MAX_PASSWORD_LENGTH), newPassword: password });

/** Parses a service input; BAD_USER_INPUT listing every field problem when it does not fit. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, reason = 'INPUT_INVALID'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ path: issue.path.join('.') || 'input', message: issue.message }));
  throw errors.badInput(fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields, reason);
}
