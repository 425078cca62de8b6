import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

/** The kinds of identity a customer can be recognised by. */
export const IDENTITY_KINDS = ['email', 'phone', 'social', 'marketplace', 'loyalty_card', 'walk_in'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** Kinds whose value is only unique within a namespace (the network or the marketplace). */
const NAMESPACED = new Set<IdentityKind>(['social', 'marketplace']);

/** An identity as it arrives from a platform, before normalisation. */
export interface IdentityInput {
  kind: IdentityKind;
  value: string;
  /** The network (`instagram`) or marketplace (`amazon-es`) for social and marketplace identities. */
  namespace?: string | null;
  /** Did the platform prove the customer controls it (a confirmed e-mail, an SMS code, a logged-in social account)? */
  verified?: boolean;
}

/** A normalised identity: the form it is stored, compared and looked up in. */
export interface NormalisedIdentity {
  kind: IdentityKind;
  namespace: string;
  value: string;
  verified: boolean;
}

const email = z.email();

/** Why a value is not a valid identity of its kind, or the normalised value. */
export type Normalised = { ok: true; identity: NormalisedIdentity } | { ok: false; message: string };

/**
 * Normalises an identity so that the same person's value compares equal whatever the channel
 * sent: e-mails trimmed and lowercased, phones in E.164 (national numbers read in
 * `defaultCountry`), handles lowercased without a leading @, card numbers without spaces.
 */
export function normaliseIdentity(input: IdentityInput, defaultCountry: CountryCode = 'ES'): Normalised {
  const raw = (input.value ?? '').trim();
  const namespace = NAMESPACED.has(input.kind) ? (input.namespace ?? '').trim().toLowerCase() : '';
  if (NAMESPACED.has(input.kind) && !/^[a-z0-9][a-z0-9_.-]{0,39}$/.test(namespace)) {
    return { ok: false, message: `a ${input.kind} identity needs its ${input.kind === 'social' ? 'network (e.g. instagram)' : 'marketplace (e.g. amazon-es)'}` };
  }
  const verified = input.verified === true;
  const done = (value: string): Normalised => ({ ok: true, identity: { kind: input.kind, namespace, value, verified } });
  switch (input.kind) {
    case 'email': {
      const value = raw.toLowerCase();
      return email.safeParse(value).success ? done(value) : { ok: false, message: 'is not an e-mail address' };
    }
    case 'phone': {
      const phone = parsePhoneNumberFromString(raw, defaultCountry);
      return phone?.isValid() ? done(phone.number) : { ok: false, message: 'is not a valid phone number' };
    }
    case 'social': {
      const value = raw.replace(/^@/, '').toLowerCase();
      return /^[a-z0-9._]{1,64}$/.test(value) ? done(value) : { ok: false, message: 'is not a valid handle' };
    }
    case 'loyalty_card': {
      const value = raw.replace(/[\s-]/g, '').toUpperCase();
      return /^[A-Z0-9]{4,40}$/.test(value) ? done(value) : { ok: false, message: 'is not a card number' };
    }
    case 'marketplace':
    case 'walk_in':
      return raw.length > 0 && raw.length <= 200 ? done(raw) : { ok: false, message: 'must be 1–200 characters' };
    default:
      return { ok: false, message: 'is not a known kind of identity' };
  }
}

/** A value with most of it hidden, for evidence shown to staff (`j***@example.com`, `+34*****1222`). */
export function maskIdentity(identity: Pick<NormalisedIdentity, 'kind' | 'value'>): string {
  const v = identity.value;
  if (identity.kind === 'email') {
    const [local = '', domain = ''] = v.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  if (v.length <= 4) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(Math.max(1, v.length - 7))}${v.slice(-4)}`;
}
