import { z } from 'zod';
import { defineEvent } from '../../kernel/plugin.js';

const who = { customerId: z.string(), platformId: z.string().nullable() };

// Payloads carry ids, never personal data — except the two delivery events, whose e-mail and
// link a mail plugin needs; erasure scrubs those from the outbox.

export const customerCreated = defineEvent('customer.created', z.object({ ...who, source: z.string() }), 'A customer record was created', {
  customerActivity: (p) => ({ customerId: p.customerId, platformId: p.platformId, kind: 'customer.created', summary: `Became a customer (${p.source})` }),
});

export const customerUpdated = defineEvent('customer.updated', z.object({ ...who, changed: z.array(z.string()) }), 'A customer profile was edited');

export const customerIdentityLinked = defineEvent(
  'customer.identity_linked',
  z.object({ ...who, identityId: z.string(), kind: z.string(), namespace: z.string(), verified: z.boolean() }),
  'An identity (e-mail, phone, handle…) was linked to a customer',
  {
    customerActivity: (p) => ({
      customerId: p.customerId,
      platformId: p.platformId,
      kind: 'identity.linked',
      summary: `${p.verified ? 'Verified' : 'Unverified'} ${p.namespace ? `${p.namespace} ` : ''}${p.kind.replace('_', ' ')} linked`,
      reference: { type: 'customer_identity', id: p.identityId },
    }),
  },
);

export const customerMergeSuggested = defineEvent(
  'customer.merge_suggested',
  z.object({ suggestionId: z.string(), customerId: z.string(), candidateId: z.string(), platformId: z.string().nullable() }),
  'Two customer records look like the same person; staff should review the suggestion',
);

export const customerMerged = defineEvent(
  'customer.merged',
  z.object({ survivorId: z.string(), mergedId: z.string(), mergeId: z.string() }),
  'Two customer records were merged into one',
  { customerActivity: (p) => ({ customerId: p.survivorId, kind: 'customer.merged', summary: 'Another customer record was merged into this one', reference: { type: 'customer_merge', id: p.mergeId } }) },
);

export const customerErased = defineEvent('customer.erased', z.object({ customerId: z.string(), erasureId: z.string() }), 'A customer’s personal data was erased');

export const customerConsentChanged = defineEvent(
  'customer.consent_changed',
  z.object({ ...who, purpose: z.string(), channel: z.string(), granted: z.boolean(), wordingVersion: z.string() }),
  'A customer gave or withdrew consent for a purpose and channel',
  {
    customerActivity: (p) => ({
      customerId: p.customerId,
      platformId: p.platformId,
      kind: 'consent.changed',
      summary: `${p.granted ? 'Agreed to' : 'Withdrew'} ${p.purpose} by ${p.channel} (wording ${p.wordingVersion})`,
    }),
  },
);

export const customerRegistered = defineEvent('customer.registered', z.object(who), 'A customer created an account', {
  customerActivity: (p) => ({ customerId: p.customerId, platformId: p.platformId, kind: 'account.registered', summary: 'Created an account' }),
});

export const customerEmailVerified = defineEvent('customer.email_verified', z.object(who), 'A customer confirmed their account e-mail', {
  customerActivity: (p) => ({ customerId: p.customerId, platformId: p.platformId, kind: 'account.email_verified', summary: 'Confirmed their e-mail address' }),
});

/** Delivery event: a mail plugin sends `link` to `email`. */
export const customerEmailVerificationRequested = defineEvent(
  'customer.email_verification_requested',
  z.object({ ...who, email: z.string(), token: z.string(), expiresAt: z.string() }),
  'A customer must confirm their e-mail: send them the token (or a link with it)',
);

/** Delivery event: a mail plugin sends the reset token to `email`. */
export const customerPasswordResetRequested = defineEvent(
  'customer.password_reset_requested',
  z.object({ ...who, email: z.string(), token: z.string(), expiresAt: z.string() }),
  'A customer asked to reset their password: send them the token (or a link with it)',
);

export const customerEvents = [
  customerCreated,
  customerUpdated,
  customerIdentityLinked,
  customerMergeSuggested,
  customerMerged,
  customerErased,
  customerConsentChanged,
  customerRegistered,
  customerEmailVerified,
  customerEmailVerificationRequested,
  customerPasswordResetRequested,
];
