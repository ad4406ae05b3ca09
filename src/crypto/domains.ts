/**
 * Domain-separation strings: the first PAE piece of every hashed, signed or encrypted structure.
 * A signature or MAC made for one purpose can therefore never be replayed as another. They are
 * part of the wire format: changing one is a new suite, not a refactor.
 */
export const DOMAIN = {
  header: 'ccr-exchange/v1/header',
  keyCommitment: 'ccr-exchange/v1/kc',
  wrap: 'ccr-exchange/v1/wrap',
  manifest: 'ccr-exchange/v1/manifest',
  share: 'ccr-exchange/v1/share',
  keyRegistration: 'ccr-exchange/v1/key-registration',
  fingerprint: 'ccr-exchange/v1/fingerprint',
  keystore: 'ccr-exchange/v1/keystore',
  consent: 'ccr-exchange/v1/consent',
  agreement: 'ccr-exchange/v1/agreement',
  personUnlock: 'ccr-exchange/v1/person-unlock',
  personEnvelope: 'ccr-exchange/v1/person-envelope',
  personFingerprint: 'ccr-exchange/v1/person-fingerprint',
  memberWrap: 'ccr-exchange/v1/member-wrap',
  membership: 'ccr-exchange/v1/membership',
  personPrfSalt: 'ccr-exchange/v1/person-prf-salt',
  personPrfUnlock: 'ccr-exchange/v1/person-prf-unlock',
  personPrfEnvelope: 'ccr-exchange/v1/person-prf-envelope',
} as const;

/**
 * Domains owned by this module's own formats. The generic statement signer refuses them, so no
 * caller can turn it into an oracle that signs envelope manifests, shares or key registrations.
 */
export const RESERVED_DOMAINS: ReadonlySet<string> = new Set([
  DOMAIN.header,
  DOMAIN.keyCommitment,
  DOMAIN.wrap,
  DOMAIN.manifest,
  DOMAIN.share,
  DOMAIN.keyRegistration,
  DOMAIN.fingerprint,
  DOMAIN.keystore,
  DOMAIN.personUnlock,
  DOMAIN.personEnvelope,
  DOMAIN.personFingerprint,
  DOMAIN.memberWrap,
  DOMAIN.membership,
  DOMAIN.personPrfSalt,
  DOMAIN.personPrfUnlock,
  DOMAIN.personPrfEnvelope,
]);

/** Shape every statement domain must have: a versioned namespace plus a lowercase purpose. */
export const STATEMENT_DOMAIN_PATTERN = /^ccr-exchange\/v1\/[a-z0-9][a-z0-9-]{0,62}$/;
