import type {
  CaptureMode,
  ConsentAction,
  ConsentStatus,
  InformedConsentItem,
  NoteCategory,
  PurposeCode,
  RevocationChannel,
} from '../../consent/consent.vocabulary';
import type { InterpreterTerms } from '../../consent/consent-terms';
import type { TextContent } from './plaintext';

/** The terms of a release as an advocate gives them; the SDK builds and signs ConsentTermsV1 from them. */
export interface ReleaseTerms {
  /** The ONE agency this release lets receive. */
  recipientAgencyId: string;
  /** Note categories, with `receive_notes` only (default none). */
  categories?: NoteCategory[];
  actions: ConsentAction[];
  purpose: PurposeCode;
  validFrom: Date | string;
  /** Required: every release ends. */
  validUntil: Date | string;
  captureMode: CaptureMode;
  /** BCP 47, e.g. `en`, `es-MX`. */
  language: string;
  interpreter: InterpreterTerms;
  /** Every item of the informed-consent checklist that was discussed (the API requires all six). */
  informedConsent: InformedConsentItem[];
  /** The survivor's "never to these agencies". */
  denyAgencyIds?: string[];
  /** Lowercase hex SHA-256 of the signed release form the agency keeps. */
  releaseDocumentSha256?: string | null;
  /** The survivor's own words (purpose in her words, conditions): sealed for this agency only. */
  survivorWords?: TextContent;
  /** Choose the consent id yourself (it is signed); default a fresh one. */
  consentId?: string;
}

/** What an amendment changes; everything else is carried over from the current version. */
export type ReleaseChanges = Partial<Omit<ReleaseTerms, 'recipientAgencyId' | 'consentId'>> & {
  /** Refuse (409) unless the release is still at this version when the amendment arrives. */
  expectedVersion?: number;
};

export interface ConsentVersion {
  version: number;
  categories: NoteCategory[];
  actions: ConsentAction[];
  purpose: PurposeCode;
  validFrom: string;
  validUntil: string;
  captureMode: CaptureMode;
  language: string;
  interpreter: InterpreterTerms;
  informedConsent: InformedConsentItem[];
  denyAgencyIds: string[];
  releaseDocumentSha256: string | null;
  termsRecordId: string | null;
  recordedByPrincipalId: string;
  recordedAt: string;
  signerEpoch: number;
  signature: string;
}

export interface Revocation {
  revokedAt: string;
  receivedByPrincipalId: string;
  channel: RevocationChannel;
  signerEpoch: number | null;
  signature: string | null;
}

/** A release as its custodian sees it (only the custodian's principals see releases at all). */
export interface ConsentRecord {
  id: string;
  caseId: string;
  custodianAgencyId: string;
  recipientAgencyId: string;
  status: ConsentStatus;
  /** Whether anything can be disclosed under it now (false e.g. for a verbal release of VAWA data). */
  releasesData: boolean;
  currentVersion: number;
  current: ConsentVersion;
  versions: ConsentVersion[];
  revocation: Revocation | null;
  warnings: { code: string; message: string }[];
  createdAt: string;
}

/** A recorded or amended release, and the key wraps the new terms withdrew at once. */
export interface ConsentChange extends ConsentRecord {
  wrapsWithdrawn: { recordId: string; agencyId: string; reason: string }[];
  /** True when a lost answer was repeated and the release was found already stored by this call. */
  replayed?: boolean;
}

export interface RevocationEffect {
  kind: string;
  ids: string[];
  summary: string;
}

/** What the recipient had already read: revocation cannot recall it, and the accounting says so. */
export interface NotRecalled {
  recordIds: string[];
  categories: string[];
  recipientAgencyId: string;
  deliveredAt: string;
  logIndex: number;
}

export interface RevocationResult {
  consent: ConsentRecord;
  effects: RevocationEffect[];
  notRecalled: NotRecalled[];
  logIndex: number;
}

export interface RevokeOptions {
  channel: RevocationChannel;
  /** Sign the revocation with this agency's key (default true). Oral revocation needs no signature to take effect. */
  signed?: boolean;
}
