import { canonicalJson } from './canonical-json';
import { DOMAIN, RESERVED_DOMAINS, STATEMENT_DOMAIN_PATTERN } from './domains';
import { sealRecord } from './envelope-seal';
import type { SealedRecordV1, SealOptions, SealRecordInput } from './envelope-types';
import { pae, type PaePiece } from './pae';
import { ed25519Sign, ed25519Verify } from './signatures';
import { getSodium } from './sodium';

/**
 * The bytes a statement signature covers: PAE(domain, ...pieces). Refuses domains outside the
 * ccr-exchange/v1 namespace and those of this module's own formats (manifest, share, ...), so the
 * generic signer can never be made to sign something that verifies as an envelope structure.
 */
export function statementBytes(domain: string, pieces: readonly PaePiece[]): Uint8Array {
  if (!STATEMENT_DOMAIN_PATTERN.test(domain)) {
    throw new RangeError('statement domain must look like ccr-exchange/v1/<purpose>');
  }
  if (RESERVED_DOMAINS.has(domain)) throw new RangeError('statement domain is reserved for the envelope and key formats');
  return pae([domain, ...pieces]);
}

/** Ed25519 detached signature over PAE(domain, ...pieces). */
export async function signStatement(domain: string, pieces: readonly PaePiece[], signSecretKey: Uint8Array): Promise<Uint8Array> {
  const sodium = await getSodium();
  return ed25519Sign(sodium, statementBytes(domain, pieces), signSecretKey);
}

/** True only for a valid signature by that key over exactly these pieces under this domain. */
export async function verifyStatement(
  domain: string,
  pieces: readonly PaePiece[],
  signature: Uint8Array,
  signPublicKey: Uint8Array,
): Promise<boolean> {
  const sodium = await getSodium();
  return ed25519Verify(sodium, signature, statementBytes(domain, pieces), signPublicKey);
}

/** The consent statement: PAE("ccr-exchange/v1/consent", consentId, version, canonicalJson(terms)). */
export function consentStatementPieces(consentId: string, version: number, terms: unknown): PaePiece[] {
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError('consent version must be an integer >= 1');
  return [consentId, String(version), canonicalJson(terms)];
}

export function signConsentTerms(consentId: string, version: number, terms: unknown, signSecretKey: Uint8Array): Promise<Uint8Array> {
  return signStatement(DOMAIN.consent, consentStatementPieces(consentId, version, terms), signSecretKey);
}

export function verifyConsentTerms(
  consentId: string,
  version: number,
  terms: unknown,
  signature: Uint8Array,
  signPublicKey: Uint8Array,
): Promise<boolean> {
  return verifyStatement(DOMAIN.consent, consentStatementPieces(consentId, version, terms), signature, signPublicKey);
}

/**
 * The working-agreement statement every party signs: PAE("ccr-exchange/v1/agreement", agreementId,
 * version, canonicalJson(terms)). The terms name the parties, so a signature cannot be moved to
 * an agreement with other parties, nor to another version.
 */
export function agreementStatementPieces(agreementId: string, version: number, terms: unknown): PaePiece[] {
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError('agreement version must be an integer >= 1');
  return [agreementId, String(version), canonicalJson(terms)];
}

export function signAgreementTerms(agreementId: string, version: number, terms: unknown, signSecretKey: Uint8Array): Promise<Uint8Array> {
  return signStatement(DOMAIN.agreement, agreementStatementPieces(agreementId, version, terms), signSecretKey);
}

export function verifyAgreementTerms(
  agreementId: string,
  version: number,
  terms: unknown,
  signature: Uint8Array,
  signPublicKey: Uint8Array,
): Promise<boolean> {
  return verifyStatement(DOMAIN.agreement, agreementStatementPieces(agreementId, version, terms), signature, signPublicKey);
}

export interface OwnAgencySecretInput extends Omit<SealRecordInput, 'recipients'> {
  /** The author agency's own X25519 key (its current epoch). */
  ownBox: { epoch: number; publicKey: Uint8Array };
}

/**
 * Seals a small secret (e.g. the survivor's own words in a consent) so that only the author's
 * own agency can read it: an ordinary envelope with a single recipient, opened with openRecord.
 */
export function sealForOwnAgency(input: OwnAgencySecretInput, options?: SealOptions): Promise<SealedRecordV1> {
  const { ownBox, ...rest } = input;
  return sealRecord(
    { ...rest, recipients: [{ agencyId: input.authorAgencyId, epoch: ownBox.epoch, consentId: null, boxPublicKey: ownBox.publicKey }] },
    options,
  );
}
