import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../roles/password-hash.js';
import { consentInput } from './customer.inputs.js';

const email = z.string().trim().toLowerCase().max(320, 'must be at most 320 characters').pipe(z.email('must be an e-mail address'));
/** A new password: the same policy as staff passwords. */
const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);
const name = z.string().trim().max(100, 'must be at most 100 characters').nullish();
const locale = z.string().trim().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a locale like es-ES').nullish();
const token = z.string().trim().min(1, 'is required').max(200);

/** A customer creating an account on a platform. */
export const registerInput = z.object({
  email,
  password: newPassword,
  firstName: name,
  lastName: name,
  locale,
  consents: z.array(consentInput).max(20).nullish(),
});

/** A customer signing in. */
export const customerLoginInput = z.object({ email: z.string().trim().toLowerCase().min(1, 'is required').max(320), password: z.string().min(1, 'is required').max(MAX_PASSWORD_LENGTH) });

/** Asking for a password-reset e-mail. */
export const passwordResetRequestInput = z.object({ email });

/** Setting a new password with the token of a reset e-mail. */
export const resetPasswordInput = z.object({ token, newPassword });

/** Changing one's password while signed in. */
export const changePasswordInput = z.object({ currentPassword: z.string().min(1, 'is required').max(MAX_PASSWORD_LENGTH), newPassword });

/** Confirming the account e-mail with the token of the verification e-mail. */
export const verifyEmailInput = z.object({ token });

/** What a signed-in customer may change about their profile; fields left out keep their value. */
export const myProfileInput = z.object({ firstName: name, lastName: name, locale });

/** Input of `CustomerAccounts.register`. */
export type RegisterInput = z.input<typeof registerInput>;
/** Input of `CustomerMe.updateProfile`. */
export type MyProfileInput = z.input<typeof myProfileInput>;
