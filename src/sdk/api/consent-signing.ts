import {
  CAPTURE_MODES,
  CONSENT_ACTIONS,
  INFORMED_CONSENT_ITEMS,
  PURPOSE_CODES,
  type RevocationChannel,
  SHAREABLE_NOTE_CATEGORIES,
} from '../../consent/consent.vocabulary';
import { type ConsentTermsV1, consentTermsV1, signConsentRevocation } from '../../consent/consent-terms';
import { fromBase64Strict, signConsentTerms, toBase64, verifyConsentTerms } from '../../crypto';
import { CcrUsageError } from '../errors';
import type { Keyring } from '../keys/keyring';
import type { ConsentRecord, ConsentVersion, ReleaseChanges, ReleaseTerms } from './consent-types';
import { isoInstant, oneOf, requireUuid } from './validate';

/** The signed members of a version other than the parties and the words record. */
export type TermsFields = Omit<ConsentTermsV1, 'v' | 'caseId' | 'custodianAgencyId' | 'recipientAgencyId' | 'termsRecordId'>;

export interface Parties {
  caseId: string;
  custodianAgencyId: string;
  recipientAgencyId: string;
}

export interface SignedBy {
  signerEpoch: number;
  signature: string;
}

/** Checks and normalises what a caller gave (times to the signed form), before anything is signed. */
export function termsFields(input: Omit<ReleaseTerms, 'recipientAgencyId' | 'consentId' | 'survivorWords'>): TermsFields {
  const list = <T extends string>(values: unknown, allowed: readonly T[], name: string): T[] => {
    if (!Array.isArray(values)) throw new CcrUsageError(`${name} must be a list`);
    return values.map((value) => oneOf(value, allowed, name));
  };
  if (typeof input.language !== 'string') throw new CcrUsageError('language must be a BCP 47 tag, e.g. en or es-MX');
  if (typeof input.interpreter?.used !== 'boolean') throw new CcrUsageError('interpreter.used must be true or false');
  return {
    categories: list(input.categories ?? [], SHAREABLE_NOTE_CATEGORIES, 'categories'),
    actions: list(input.actions, CONSENT_ACTIONS, 'actions'),
    purpose: oneOf(input.purpose, PURPOSE_CODES, 'purpose'),
    validFrom: isoInstant(input.validFrom, 'validFrom'),
    validUntil: isoInstant(input.validUntil, 'validUntil'),
    captureMode: oneOf(input.captureMode, CAPTURE_MODES, 'captureMode'),
    language: input.language,
    interpreter: input.interpreter,
    informedConsent: list(input.informedConsent, INFORMED_CONSENT_ITEMS, 'informedConsent'),
    denyAgencyIds: (input.denyAgencyIds ?? []).map((id) => requireUuid(id, 'denyAgencyIds')),
    releaseDocumentSha256: input.releaseDocumentSha256 ?? null,
  };
}

/** The current version's terms with the caller's changes applied: what an amendment signs. */
export function amendedFields(current: ConsentVersion, changes: ReleaseChanges): TermsFields {
  const { expectedVersion: _expected, survivorWords: _words, ...given } = changes;
  const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return termsFields({ ...fieldsOfVersion(current), ...defined });
}

export function signedTerms(parties: Parties, fields: TermsFields, termsRecordId: string | null): ConsentTermsV1 {
  return consentTermsV1({ ...parties, ...fields, termsRecordId });
}

/** Signs with the keystore's CURRENT epoch: the API refuses terms signed by a rotated-out key. */
export async function signTerms(keystore: Keyring, consentId: string, version: number, terms: ConsentTermsV1): Promise<SignedBy> {
  const current = keystore.current;
  return { signerEpoch: current.epoch, signature: toBase64(await signConsentTerms(consentId, version, terms, current.sign.privateKey)) };
}

export async function signRevocation(keystore: Keyring, consentId: string, version: number, channel: RevocationChannel): Promise<SignedBy> {
  const current = keystore.current;
  return { signerEpoch: current.epoch, signature: toBase64(await signConsentRevocation(consentId, version, channel, current.sign.privateKey)) };
}

/** The request body members of a version (the API takes the terms flat, plus the signature). */
export function termsBody(fields: TermsFields, signed: SignedBy): Record<string, unknown> {
  const { releaseDocumentSha256, ...rest } = fields;
  return { ...rest, ...(releaseDocumentSha256 === null ? {} : { releaseDocumentSha256 }), ...signed };
}

/** ConsentTermsV1 rebuilt from a version the API shows, exactly as it was signed. */
export function termsOfVersion(consent: Pick<ConsentRecord, 'caseId' | 'custodianAgencyId' | 'recipientAgencyId'>, version: ConsentVersion): ConsentTermsV1 {
  const parties = { caseId: consent.caseId, custodianAgencyId: consent.custodianAgencyId, recipientAgencyId: consent.recipientAgencyId };
  return signedTerms(parties, fieldsOfVersion(version), version.termsRecordId);
}

/**
 * Whether a version carries this agency's own signature over exactly the terms shown. The key is
 * the keystore's own epoch: the server cannot substitute it, so it cannot alter a release either.
 */
export async function versionSignedByUs(keystore: Keyring, consent: ConsentRecord, version: ConsentVersion): Promise<boolean> {
  if (consent.custodianAgencyId !== keystore.agencyId) return false;
  const epoch = keystore.epoch(version.signerEpoch);
  const signature = fromBase64Strict(version.signature);
  if (!epoch || signature?.length !== 64) return false;
  return verifyConsentTerms(consent.id, version.version, termsOfVersion(consent, version), signature, epoch.sign.publicKey);
}

function fieldsOfVersion(version: ConsentVersion): TermsFields {
  return {
    categories: version.categories,
    actions: version.actions,
    purpose: version.purpose,
    validFrom: version.validFrom,
    validUntil: version.validUntil,
    captureMode: version.captureMode,
    language: version.language,
    interpreter: version.interpreter,
    informedConsent: version.informedConsent,
    denyAgencyIds: version.denyAgencyIds,
    releaseDocumentSha256: version.releaseDocumentSha256,
  };
}
