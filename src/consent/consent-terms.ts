import { signStatement, verifyStatement } from '../crypto';
import {
  type CaptureMode,
  type ConsentAction,
  type InformedConsentItem,
  type InterpreterAffiliation,
  type NoteCategory,
  type PurposeCode,
  type RevocationChannel,
} from './consent.vocabulary';

/** The interpreter record as signed: only the members that were given. */
export interface InterpreterTerms {
  used: boolean;
  qualified?: boolean;
  affiliation?: InterpreterAffiliation;
  notFamilyOrPersonCausingHarm?: boolean;
}

/**
 * The terms of one consent version exactly as the custodian agency signs them with
 * `signConsentTerms(consentId, version, terms, key)` (src/crypto: PAE over the canonical JSON).
 * Every member is always present (null when absent), so the server, the SDK and an auditor
 * rebuild the same bytes from the same stored row.
 */
export interface ConsentTermsV1 {
  v: 1;
  caseId: string;
  custodianAgencyId: string;
  recipientAgencyId: string;
  categories: NoteCategory[];
  actions: ConsentAction[];
  purpose: PurposeCode;
  /** ISO-8601 UTC with milliseconds, e.g. 2026-01-31T00:00:00.000Z. */
  validFrom: string;
  validUntil: string;
  captureMode: CaptureMode;
  language: string;
  interpreter: InterpreterTerms;
  informedConsent: InformedConsentItem[];
  denyAgencyIds: string[];
  /** Lowercase hex SHA-256 of the signed release document, or null. */
  releaseDocumentSha256: string | null;
  /** The sealed record with the survivor's own words, or null. */
  termsRecordId: string | null;
}

export type ConsentTermsInput = Omit<ConsentTermsV1, 'v' | 'interpreter' | 'releaseDocumentSha256' | 'termsRecordId'> & {
  interpreter: InterpreterTerms;
  releaseDocumentSha256?: string | null;
  termsRecordId?: string | null;
};

function interpreterTerms(interpreter: InterpreterTerms): InterpreterTerms {
  const terms: InterpreterTerms = { used: interpreter.used };
  if (interpreter.qualified !== undefined) terms.qualified = interpreter.qualified;
  if (interpreter.affiliation !== undefined) terms.affiliation = interpreter.affiliation;
  if (interpreter.notFamilyOrPersonCausingHarm !== undefined) terms.notFamilyOrPersonCausingHarm = interpreter.notFamilyOrPersonCausingHarm;
  return terms;
}

/** A plain object with exactly the signed members (class instances are not canonical JSON). */
export function consentTermsV1(input: ConsentTermsInput): ConsentTermsV1 {
  return {
    v: 1,
    caseId: input.caseId,
    custodianAgencyId: input.custodianAgencyId,
    recipientAgencyId: input.recipientAgencyId,
    categories: [...input.categories],
    actions: [...input.actions],
    purpose: input.purpose,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    captureMode: input.captureMode,
    language: input.language,
    interpreter: interpreterTerms(input.interpreter),
    informedConsent: [...input.informedConsent],
    denyAgencyIds: [...input.denyAgencyIds],
    releaseDocumentSha256: input.releaseDocumentSha256 ?? null,
    termsRecordId: input.termsRecordId ?? null,
  };
}

/** Domain of the optional revocation signature: PAE(domain, consentId, version revoked, channel). */
export const CONSENT_REVOCATION_DOMAIN = 'ccr-exchange/v1/consent-revocation';

export function signConsentRevocation(consentId: string, version: number, channel: RevocationChannel, signSecretKey: Uint8Array): Promise<Uint8Array> {
  return signStatement(CONSENT_REVOCATION_DOMAIN, [consentId, String(version), channel], signSecretKey);
}

export function verifyConsentRevocation(
  consentId: string,
  version: number,
  channel: RevocationChannel,
  signature: Uint8Array,
  signPublicKey: Uint8Array,
): Promise<boolean> {
  return verifyStatement(CONSENT_REVOCATION_DOMAIN, [consentId, String(version), channel], signature, signPublicKey);
}
