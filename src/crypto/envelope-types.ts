/** Wire and in-memory shapes of envelope v1. Wire byte strings are standard padded base64. */

export type Awaitable<T> = T | Promise<T>;

/** One recipient's DEK wrap as uploaded: bound to record, agency, key epoch and consent. */
export interface WrapEntryV1 {
  agencyId: string;
  epoch: number;
  /** null only for the author's own agency, which never needs consent to read its own record. */
  consentId: string | null;
  wrap: string;
}

/**
 * A wrap the server withholds when delivering (another agency's wrap, or one deleted after its
 * consent was revoked). Its hash is all a reader needs to re-check the author's signature.
 */
export interface WithheldWrapEntryV1 {
  agencyId: string;
  epoch: number;
  consentId: string | null;
  wrapHash: string;
}

export interface SealedRecordV1 {
  v: 1;
  suite: 'ccr1';
  recordId: string;
  caseId: string;
  category: string;
  authorAgencyId: string;
  createdAt: string;
  supersedes: string | null;
  signerEpoch: number;
  nonce: string;
  ciphertext: string;
  keyCommitment: string;
  /** Sorted by agencyId ascending, one entry per agency. */
  wraps: WrapEntryV1[];
  signature: string;
}

/** What a reader receives: the uploaded record, possibly with other agencies' wraps withheld. */
export interface DeliveredRecordV1 extends Omit<SealedRecordV1, 'wraps'> {
  wraps: (WrapEntryV1 | WithheldWrapEntryV1)[];
}

/** The authenticated clear metadata of a record (all of it is bound by the AEAD header). */
export interface RecordMetadata {
  recordId: string;
  caseId: string;
  category: string;
  authorAgencyId: string;
  createdAt: string;
  supersedes: string | null;
}

export interface RecipientEntry {
  agencyId: string;
  epoch: number;
  consentId: string | null;
}

export interface VerifiedWrapV1 extends RecipientEntry {
  wrap: Uint8Array;
  /** BLAKE2b-256 of the wrap, as covered by the manifest: keep it when the wrap is deleted. */
  wrapHash: Uint8Array;
}

/** What verifyEnvelope hands the server to store: decoded, structurally checked, signature valid. */
export interface VerifiedRecordV1 extends RecordMetadata {
  v: 1;
  suite: 'ccr1';
  signerEpoch: number;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  ciphertextHash: Uint8Array;
  keyCommitment: Uint8Array;
  wraps: VerifiedWrapV1[];
  signature: Uint8Array;
}

/** A stored record whose wraps may have been deleted (revocation) but whose hashes are kept. */
export interface StoredRecordV1 extends Omit<VerifiedRecordV1, 'wraps'> {
  wraps: (RecipientEntry & { wrap: Uint8Array | null; wrapHash: Uint8Array })[];
}

export interface EnvelopeLimits {
  maxCiphertextBytes: number;
  maxWraps: number;
}

export const DEFAULT_ENVELOPE_LIMITS: EnvelopeLimits = Object.freeze({
  maxCiphertextBytes: 4 * 1024 * 1024,
  maxWraps: 64,
});

export interface BoxKeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/** Resolves an agency's registered Ed25519 public key for an epoch (undefined when unknown). */
export type SigningKeyLookup = (agencyId: string, epoch: number) => Awaitable<Uint8Array | null | undefined>;

/** The opening agency: its id and its X25519 key pair per epoch (older epochs for history). */
export interface RecipientIdentity {
  agencyId: string;
  boxKeyPair(epoch: number): Awaitable<BoxKeyPair | null | undefined>;
}

export interface RecipientInput extends RecipientEntry {
  boxPublicKey: Uint8Array;
}

export interface SealRecordInput extends RecordMetadata {
  body: Uint8Array;
  author: { epoch: number; signSecretKey: Uint8Array };
  /** Any order; the author's own agency (consentId null) must be included. */
  recipients: readonly RecipientInput[];
}

/** Deterministic sealing for test vectors only; production callers pass nothing. */
export interface SealOptions {
  dek?: Uint8Array;
  nonce?: Uint8Array;
}

export interface OpenedRecord {
  metadata: RecordMetadata;
  signerEpoch: number;
  /** The plaintext: the caller owns it and should wipeSecrets() it when done. */
  body: Uint8Array;
  /** Recipients the author signed for (the manifest), in canonical order. */
  recipients: RecipientEntry[];
  /** Set when the reader's access came from a custodian's share rather than the manifest. */
  sharedBy: { agencyId: string; epoch: number; consentId: string } | null;
}

/**
 * A wrap added after sealing, for an agency that consented later. The author's manifest does not
 * list it, so the custodian that created it signs a share statement over it instead.
 */
export interface SharedWrapV1 {
  v: 1;
  suite: 'ccr1';
  recordId: string;
  agencyId: string;
  epoch: number;
  /** A share is always justified by a consent: never null. */
  consentId: string;
  wrap: string;
  sharerAgencyId: string;
  sharerEpoch: number;
  signature: string;
}

export interface VerifiedShareV1 {
  recordId: string;
  agencyId: string;
  epoch: number;
  consentId: string;
  wrap: Uint8Array;
  wrapHash: Uint8Array;
  sharerAgencyId: string;
  sharerEpoch: number;
  signature: Uint8Array;
}

/** The sharing agency (a manifest recipient, normally the case custodian) and its signing key. */
export interface ShareSigner {
  identity: RecipientIdentity;
  epoch: number;
  signSecretKey: Uint8Array;
}

export interface NewRecipient {
  agencyId: string;
  epoch: number;
  consentId: string;
  boxPublicKey: Uint8Array;
}

/** What verifyShare needs of the stored record: its id, key commitment and manifest recipients. */
export interface ShareContext {
  recordId: string;
  keyCommitment: Uint8Array;
  wraps: readonly { agencyId: string }[];
}
