import type { DeliveredRecordV1 } from '../../crypto';
import { apiPath } from '../http/api-path';
import { newRecordId } from '../ids';
import type { AreaContext } from './area-context';
import { checkOpened } from './opened-record';
import { allItems, type Page } from './paging';
import { type JsonObject, jsonBytes, openedJson } from './plaintext';
import { sendRepeatable } from './repeat-recovery';
import { HIGH_RISK_REASONS, type HighRiskReason } from '../../risk/risk.vocabulary';
import { oneOf, requireUuid } from './validate';

/** A case handle: ids and times only; the survivor's details are in the sealed profile. */
export interface CaseHandle {
  id: string;
  custodianAgencyId: string;
  /** The sender's case this one was opened from by a referral. */
  linkedFromCaseId: string | null;
  profileRecordId: string | null;
  createdAt: string;
  /** The custodian's high-risk flag (the one server-visible risk value), or null. */
  highRisk: { reason: HighRiskReason; setAt: string } | null;
}

export interface OpenCaseOptions {
  /** The survivor profile (names, aliases, safe contact…): sealed as category `profile` for this agency only. */
  profile?: JsonObject;
  /** Choose the handle yourself (lowercase UUID); default a fresh one. */
  caseId?: string;
}

/** A sealed record as the API delivers it, with the log entry that recorded the delivery. */
export interface DeliveredWithBasis {
  record: DeliveredRecordV1;
  basis: { kind: 'custodian' | 'consent' | 'mandate'; id: string | null; version: number | null };
  logIndex: number;
}

/**
 * Cases of this agency. The profile never leaves the agency: it is sealed for this agency alone,
 * and reading it back is logged as an access event.
 */
export class CasesApi {
  constructor(private readonly context: AreaContext) {}

  /**
   * Opens a case. The handle is chosen here, so a lost answer is safely repeated: a repeat that
   * finds the case already there returns it when it carries this call's profile (or none).
   */
  async open(options: OpenCaseOptions = {}): Promise<CaseHandle> {
    const caseId = options.caseId === undefined ? newRecordId() : requireUuid(options.caseId, 'caseId');
    const profile = options.profile === undefined ? undefined : await this.sealProfile(caseId, options.profile, null);
    const send = async () =>
      (await this.context.http.request<CaseHandle>({ method: 'POST', path: '/cases', json: { caseId, profile }, safeToRepeat: true })).body;
    return sendRepeatable(send, 'case-exists', async () => {
      const existing = await this.get(caseId);
      return existing.profileRecordId === (profile?.recordId ?? null) ? existing : undefined;
    });
  }

  /** Flags the case high risk for routing to the team (custodian only; each change is logged). */
  async setHighRisk(caseId: string, reason: HighRiskReason): Promise<CaseHandle> {
    const json = { reason: oneOf(reason, HIGH_RISK_REASONS, 'reason') };
    return (await this.context.http.request<CaseHandle>({ method: 'PUT', path: apiPath`/cases/${requireUuid(caseId, 'caseId')}/high-risk`, json, safeToRepeat: true })).body;
  }

  async clearHighRisk(caseId: string): Promise<CaseHandle> {
    return (await this.context.http.request<CaseHandle>({ method: 'DELETE', path: apiPath`/cases/${requireUuid(caseId, 'caseId')}/high-risk`, safeToRepeat: true })).body;
  }

  async get(caseId: string): Promise<CaseHandle> {
    return (await this.context.http.request<CaseHandle>({ method: 'GET', path: apiPath`/cases/${requireUuid(caseId, 'caseId')}` })).body;
  }

  /** One page, newest first. */
  async page(options: { cursor?: string; limit?: number } = {}): Promise<Page<CaseHandle>> {
    return (await this.context.http.request<Page<CaseHandle>>({ method: 'GET', path: '/cases', query: { cursor: options.cursor, limit: options.limit } })).body;
  }

  /** Every case of this agency, newest first, fetched page by page as you iterate. */
  list(options: { limit?: number } = {}): AsyncGenerator<CaseHandle, void, undefined> {
    return allItems((cursor) => this.page({ cursor, limit: options.limit }));
  }

  /** Fetches (a logged access), verifies (this agency's own current profile of this case) and opens the profile. */
  async readProfile(caseId: string): Promise<unknown> {
    // The handle names the current version: an older profile served instead is refused.
    const handle = await this.get(caseId);
    const response = await this.context.http.request<DeliveredWithBasis>({ method: 'GET', path: apiPath`/cases/${handle.id}/profile` });
    const opened = await this.context.records().open(response.body.record);
    // Replaced between the two reads? Then the handle names it now.
    const current = opened.metadata.recordId === handle.profileRecordId ? handle : await this.get(handle.id);
    checkOpened(opened, { recordId: current.profileRecordId ?? undefined, caseId: handle.id, category: 'profile', authorAgencyId: this.context.agencyId });
    return openedJson(opened.body, response.requestId);
  }

  /**
   * Seals a new profile version superseding the current one. If someone replaced it since it
   * was read here, the API answers 409 profile-version-conflict: read it again and merge.
   */
  async replaceProfile(caseId: string, profile: JsonObject): Promise<CaseHandle> {
    const current = await this.get(caseId);
    const sealed = await this.sealProfile(current.id, profile, current.profileRecordId);
    const send = async () =>
      (await this.context.http.request<CaseHandle>({ method: 'PUT', path: apiPath`/cases/${current.id}/profile`, json: { profile: sealed } })).body;
    return sendRepeatable(send, 'profile-version-conflict', async () => {
      const now = await this.get(current.id);
      return now.profileRecordId === sealed.recordId ? now : undefined;
    });
  }

  private sealProfile(caseId: string, profile: JsonObject, supersedes: string | null) {
    return this.context.records().seal({ caseId, category: 'profile', body: jsonBytes(profile, 'the profile'), supersedes });
  }
}
