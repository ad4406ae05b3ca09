import type { ConfidentialityRegime } from '../../agencies/agency.vocabulary';
import type { CaptureMode, ConsentStatus } from '../consent.vocabulary';
import { consentStatus } from './consent-status';
import type { BasisFailure } from './decision-reasons';
import { consentPartiesFor } from './direction';
import type { ConsentView, DisclosureRequest } from './policy.types';
import { requiresWrittenConsent } from './regime-rules';

export interface ConsentEvaluation {
  readonly permit: ConsentView | null;
  readonly failures: readonly BasisFailure[];
}

const STATUS_FAILURE: Readonly<Record<Exclude<ConsentStatus, 'active'>, BasisFailure>> = {
  revoked: 'consent_revoked',
  expired: 'consent_expired',
  pending: 'consent_not_yet_valid',
};

/** Listed positively, so a capture mode outside the vocabulary never counts as written. */
const WRITTEN_CAPTURE_MODES: ReadonlySet<string> = new Set<CaptureMode>(['written_signature', 'electronic_written']);

function isWritten(consent: ConsentView): boolean {
  return WRITTEN_CAPTURE_MODES.has(consent.captureMode);
}

/** A consent of this case naming these two parties in the direction the action needs. */
function isCandidate(consent: ConsentView, request: DisclosureRequest): boolean {
  const parties = consentPartiesFor(request);
  return (
    consent.caseId === request.caseId &&
    consent.custodianAgencyId === parties.custodianAgencyId &&
    consent.recipientAgencyId === parties.recipientAgencyId
  );
}

/** Scope first: a status or form failure is only worth reporting for a consent that covers the request. */
function scopeFailure(consent: ConsentView, request: DisclosureRequest): BasisFailure | null {
  if (!consent.actions.includes(request.action)) return 'action_not_covered';
  // Only notes are filtered by category: the other actions carry one fixed category (regime rules).
  if (request.action === 'receive_notes' && !(consent.categories as readonly string[]).includes(request.category)) {
    return 'category_not_covered';
  }
  if (request.purpose !== undefined && request.purpose !== consent.purpose) return 'purpose_not_covered';
  return null;
}

/** Why this candidate does not permit, or null when it does. */
function candidateFailure(
  consent: ConsentView,
  request: DisclosureRequest,
  discloserRegime: ConfidentialityRegime,
  now: Date,
): BasisFailure | null {
  const scope = scopeFailure(consent, request);
  if (scope) return scope;
  const status = consentStatus(consent, now);
  if (status !== 'active') return STATUS_FAILURE[status];
  if (!isWritten(consent) && requiresWrittenConsent(discloserRegime)) return 'verbal_consent_insufficient';
  return null;
}

function timeOrOldest(date: Date): number {
  const time = date.getTime();
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** Most recently recorded first, then highest version, then smallest id: total and order-free. */
function byPreference(a: ConsentView, b: ConsentView): number {
  const recorded = timeOrOldest(b.recordedAt) - timeOrOldest(a.recordedAt);
  if (recorded !== 0 && !Number.isNaN(recorded)) return recorded;
  if (a.version !== b.version) return b.version - a.version;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Rule 5: the permitting consent the request rests on, or every candidate's failure. */
export function evaluateConsents(
  request: DisclosureRequest,
  consents: readonly ConsentView[],
  discloserRegime: ConfidentialityRegime,
  now: Date,
): ConsentEvaluation {
  const permitting: ConsentView[] = [];
  const failures: BasisFailure[] = [];
  for (const consent of consents.filter((candidate) => isCandidate(candidate, request))) {
    const failure = candidateFailure(consent, request, discloserRegime, now);
    if (failure) failures.push(failure);
    else permitting.push(consent);
  }
  return { permit: permitting.sort(byPreference)[0] ?? null, failures };
}
