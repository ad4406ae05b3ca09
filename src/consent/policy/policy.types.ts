import type { AgencyStatus, ConfidentialityRegime } from '../../agencies/agency.vocabulary';
import type {
  CaptureMode,
  ConsentAction,
  MandateBasis,
  NoteCategory,
  PurposeCode,
  RecordCategory,
} from '../consent.vocabulary';
import type { DenyReason, PermitReason } from './decision-reasons';

/**
 * The question every module asks: may the discloser let this record of this case reach the
 * recipient, for this action, now? For share-back actions the discloser is the referral's
 * receiver and caseId is the referrer's case on which the consent was recorded.
 */
export interface DisclosureRequest {
  readonly caseId: string;
  readonly discloserAgencyId: string;
  readonly recipientAgencyId: string;
  readonly category: RecordCategory;
  readonly action: ConsentAction;
  /** When the disclosure states a purpose (referrals do), the consent must cover it. */
  readonly purpose?: PurposeCode;
}

/** One release at its current version, as the service maps it from the database. */
export interface ConsentView {
  readonly id: string;
  readonly version: number;
  readonly caseId: string;
  readonly custodianAgencyId: string;
  readonly recipientAgencyId: string;
  readonly categories: readonly NoteCategory[];
  readonly actions: readonly ConsentAction[];
  readonly purpose: PurposeCode;
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly captureMode: CaptureMode;
  /** The survivor's "never to these agencies": binds every disclosure of the case. */
  readonly denyAgencyIds: readonly string[];
  readonly revokedAt: Date | null;
  readonly recordedAt: Date;
}

/** A compelled disclosure (court order or statute): the only path around consent. */
export interface MandateView {
  readonly id: string;
  readonly caseId: string;
  readonly custodianAgencyId: string;
  readonly recipientAgencyId: string;
  readonly basis: MandateBasis;
  readonly categories: readonly RecordCategory[];
  readonly validFrom: Date;
  readonly validUntil: Date | null;
  readonly withdrawnAt: Date | null;
}

export interface AgencyView {
  readonly id: string;
  readonly regime: ConfidentialityRegime;
  readonly status: AgencyStatus;
}

/** Either a map keyed by agency id or a lookup function (the service may hold a cache). */
export type AgencyDirectory = ReadonlyMap<string, AgencyView> | ((agencyId: string) => AgencyView | undefined);

export type DecisionBasis =
  | { readonly kind: 'custodian' }
  | { readonly kind: 'consent'; readonly consentId: string; readonly consentVersion: number }
  | { readonly kind: 'mandate'; readonly mandateId: string };

export interface PermitDecision {
  readonly decision: 'permit';
  readonly reason: PermitReason;
  readonly basis: DecisionBasis;
}

export interface DenyDecision {
  readonly decision: 'deny';
  readonly reason: DenyReason;
}

export type Decision = PermitDecision | DenyDecision;
