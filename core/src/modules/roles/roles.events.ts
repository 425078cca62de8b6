import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

const staff = z.object({ staffId: z.string() });
const role = z.object({ roleId: z.string(), code: z.string() });
const assignment = z.object({ assignmentId: z.string(), staffId: z.string(), roleId: z.string(), platformIds: z.array(z.string()).nullable() });
const token = z.object({ tokenId: z.string(), roleId: z.string().nullable() });

/** The roles module's domain events (ids only: never passwords or tokens). */
export const rolesEvents = [
  defineEvent('staff.created', staff, 'A staff member was created'),
  defineEvent('staff.updated', staff, 'A staff member was changed (name, email, status or password reset)'),
  defineEvent('staff.disabled', staff, 'A staff member was disabled and signed out everywhere'),
  defineEvent('staff.password_changed', staff, 'A staff member changed their own password'),
  defineEvent('staff.locked_out', staff.extend({ lockedUntil: z.string() }), 'Too many failed sign-ins locked a staff account for a while'),
  defineEvent('staff.role_assigned', assignment, 'A role was given to a staff member'),
  defineEvent('staff.role_unassigned', assignment, 'A role assignment was removed'),
  defineEvent('role.created', role, 'A role was created'),
  defineEvent('role.updated', role, 'A role was changed'),
  defineEvent('role.deleted', role, 'A role was deleted'),
  defineEvent('integration_token.created', token, 'An integration token was issued'),
  defineEvent('integration_token.revoked', token, 'An integration token was revoked'),
];
