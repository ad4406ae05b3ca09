/** Public API of the shared crypto module (server verification, SDK/CLI sealing and opening). */
export { getSodium, type Sodium } from './sodium';
export { pae, paeDecode, type PaePiece } from './pae';
export { canonicalJson, canonicalJsonBytes, CanonicalJsonError, type CanonicalJsonValue } from './canonical-json';
export { utf8, fromUtf8 } from './bytes';
export { toBase64, fromBase64Strict } from './base64';
export { DOMAIN } from './domains';
export {
  EnvelopeError,
  KeyRegistrationError,
  KeystoreError,
  PersonKeyError,
  type PersonKeyErrorCode,
  type EnvelopeErrorCode,
  type KeyRegistrationErrorCode,
  type KeystoreErrorCode,
} from './errors';
export * from './envelope';
export {
  generateAgencyKeyEpoch,
  agencyKeyEpochFromSeeds,
  signKeyRegistration,
  verifyKeyRegistration,
  keyRegistrationStatement,
  keyFingerprint,
  type AgencyKeyEpoch,
  type KeyRegistrationV1,
  type VerifiedKeyRegistration,
} from './agency-keys';
export {
  signStatement,
  verifyStatement,
  statementBytes,
  consentStatementPieces,
  signConsentTerms,
  verifyConsentTerms,
  agreementStatementPieces,
  signAgreementTerms,
  verifyAgreementTerms,
  sealForOwnAgency,
  type OwnAgencySecretInput,
} from './statements';
export {
  createKeystore,
  openKeystore,
  wipeKeystoreContents,
  type KeystoreContents,
  type KeystoreFileV1,
  type KeystoreKdfParams,
  type KdfStrength,
} from './keystore';
export { wipeSecrets } from './secure-memory';
export {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SEED_BYTES,
  ED25519_SIGNATURE_BYTES,
  ed25519KeyPairFromSeed,
  ed25519Sign,
  ed25519Verify,
  type Ed25519KeyPair,
} from './signatures';
export {
  generatePersonKeys,
  membershipStatement,
  openMembershipWrap,
  openPersonEnvelope,
  personKeyFingerprint,
  personUnlockKey,
  publicKeysOf,
  sealMembershipWrap,
  sealPersonEnvelope,
  type MembershipWrap,
  type PersonKeys,
  type PersonPublicKeys,
} from './person-keys';
export { openPasskeyEnvelope, passkeyPrfSalt, passkeyUnlockKey, PRF_OUTPUT_BYTES, sealPasskeyEnvelope } from './person-prf';
