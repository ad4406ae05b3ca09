import type { ConfidentialityRegime } from '../../agencies/agency.vocabulary';
import type { ConsentAction, PurposeCode, RecordCategory } from '../../consent/consent.vocabulary';
import { type AgencyView, type ConsentView, type Decision, decide, decideForBasis, type DenyReason, type DisclosureRequest } from '../../consent/policy';
import type { RecipientGrant } from '../records/recipients';
import type { Agency } from './agencies-api';
import type { ConsentRecord } from './consent-types';

/**
 * Client-side answers to "who may receive this?", from the case's releases as the custodian's
 * client reads them. Every answer comes from the project's one policy, decide() (pure, shared
 * with the server), so the SDK never wraps a key the server would refuse — and never wraps for a
 * release that ended (forward exclusion), whatever the server would have accepted.
 */
export interface CaseReleases {
  caseId: string;
  /** The disclosing agency: the custodian of the case, i.e. this client's agency. */
  ownAgencyId: string;
  /** Every release of the case (verified by the caller against this agency's own key). */
  consents: readonly ConsentRecord[];
  /** The CCR directory (regimes and statuses decide() needs). */
  agencies: readonly Agency[];
  now: Date;
}

export interface Excluded {
  agencyId: string;
  reason: DenyReason;
}

export interface NoteRecipients {
  /** Exactly the agencies a note of this category goes to, each with the release it rests on. */
  grants: RecipientGrant[];
  /** Agencies with a release of this case that may NOT receive it, and why (ids and codes only). */
  excluded: Excluded[];
}

export function consentView(consent: ConsentRecord): ConsentView {
  const current = consent.current;
  return {
    id: consent.id,
    version: consent.currentVersion,
    caseId: consent.caseId,
    custodianAgencyId: consent.custodianAgencyId,
    recipientAgencyId: consent.recipientAgencyId,
    categories: current.categories,
    actions: current.actions,
    purpose: current.purpose,
    validFrom: new Date(current.validFrom),
    validUntil: new Date(current.validUntil),
    captureMode: current.captureMode,
    denyAgencyIds: current.denyAgencyIds,
    revokedAt: consent.revocation === null ? null : new Date(consent.revocation.revokedAt),
    recordedAt: new Date(current.recordedAt),
  };
}

/** The coordinating body is left out: it never receives survivor data (decide() then fails closed). */
export function agencyDirectory(agencies: readonly Agency[]): Map<string, AgencyView> {
  const members = agencies.filter((agency) => !agency.coordinatingBody);
  return new Map(members.map((agency) => [agency.id, { id: agency.id, regime: agency.regime as ConfidentialityRegime, status: agency.status }]));
}

/**
 * The recipients of a case note of `category`: every agency some release of the case permits for
 * `receive_notes` now, under the release decide() prefers; nobody else. Privileged counselling and
 * the other custodian-only categories go to no one but this agency.
 */
export function noteRecipients(releases: CaseReleases, category: RecordCategory): NoteRecipients {
  const views = releases.consents.map(consentView);
  const directory = agencyDirectory(releases.agencies);
  const candidates = [...new Set(views.filter((view) => view.custodianAgencyId === releases.ownAgencyId).map((view) => view.recipientAgencyId))]
    .filter((agencyId) => agencyId !== releases.ownAgencyId)
    .sort();
  const result: NoteRecipients = { grants: [], excluded: [] };
  for (const agencyId of candidates) {
    const decision = decide(request(releases, agencyId, category, 'receive_notes'), views, [], directory, releases.now);
    if (decision.decision === 'permit' && decision.basis.kind === 'consent') result.grants.push({ agencyId, consentId: decision.basis.consentId });
    else if (decision.decision === 'deny') result.excluded.push({ agencyId, reason: decision.reason });
  }
  return result;
}

export interface NamedReleaseRequest {
  recipientAgencyId: string;
  category: RecordCategory;
  action: ConsentAction;
  purpose?: PurposeCode;
}

/**
 * Whether the one release `consentId` lets this agency disclose to the recipient now, as the
 * server will judge a wrap that names it: every other release still binds through its deny
 * provisions but cannot stand in for it (the same composition as the server's decideForBasis).
 */
export function decideUnderRelease(releases: CaseReleases, wanted: NamedReleaseRequest, consentId: string): Decision {
  const views = releases.consents.map(consentView);
  const decision = decideForBasis(request(releases, wanted.recipientAgencyId, wanted.category, wanted.action, wanted.purpose), views, [], agencyDirectory(releases.agencies), consentId, releases.now);
  return decision.decision === 'permit' && decision.basis.kind !== 'consent' ? { decision: 'deny', reason: 'no_consent' } : decision;
}

function request(releases: CaseReleases, recipientAgencyId: string, category: RecordCategory, action: ConsentAction, purpose?: PurposeCode): DisclosureRequest {
  return { caseId: releases.caseId, discloserAgencyId: releases.ownAgencyId, recipientAgencyId, category, action, ...(purpose ? { purpose } : {}) };
}
