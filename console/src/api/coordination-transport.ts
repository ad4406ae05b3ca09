import type { Agreement, MonitoringReport, MonitoringReportRequest, RiskAction, RiskMeeting, RiskMeetingView, RiskTeam, TeamReferral } from '../../../src/sdk/browser';
import { apiPath } from '../../../src/sdk/browser-plain';
import { askKeyWorker } from '../workers/key-worker';
import { http } from './http';

async function get<T>(path: string): Promise<T> {
  return (await http.request<T>({ method: 'GET', path })).body;
}

/** GET /notes/{id}: an action's "what" is a `risk` note of its owner's case; its facts and sealed record (only the key worker opens it). */
interface SealedNote {
  authorAgencyId: string;
  category: string;
  content: unknown;
}

/**
 * Agreements, the high-risk team and monitoring as the console calls them: metadata in the page;
 * what an agency wrote (an action's "what") handed, still sealed, to the key worker.
 */
export const coordinationTransport = {
  agreements: () => get<Agreement[]>('/agreements'),
  teams: () => get<RiskTeam[]>('/risk-teams'),
  meetings: (teamId: string) => get<RiskMeeting[]>(apiPath`/risk-teams/${teamId}/meetings`),
  meeting: (meetingId: string) => get<RiskMeetingView>(apiPath`/risk-meetings/${meetingId}`),
  teamReferrals: (teamId: string) => get<TeamReferral[]>(apiPath`/risk-teams/${teamId}/referrals`),
  myActions: () => get<RiskAction[]>('/risk-actions'),

  /** Opens an action's sealed "what" in the key worker, through the notes read path (decided and logged); the text comes back, never a key. */
  async openActionText(action: RiskAction): Promise<string> {
    const note = await get<SealedNote>(apiPath`/notes/${action.noteId}`);
    const authorListing = await get<unknown>(apiPath`/agencies/${note.authorAgencyId}/keys`);
    const reply = await askKeyWorker({ type: 'open-record', record: note.content, expect: { category: 'risk', authorAgencyId: action.ownerAgencyId }, authorListing, body: 'text' });
    if (reply.type !== 'record-opened') throw new Error(reply.type === 'error' ? reply.message : 'the action did not open');
    return String(reply.content);
  },

  /** Signs a proposed version in the key worker (every signature it carries checked first) and sends the signature. */
  async signAgreement(agreement: Agreement, version: number): Promise<Agreement> {
    const target = agreement.versions.find((each) => each.version === version);
    const others = (target?.signatures ?? []).map((signature) => signature.agencyId);
    const listings = Object.fromEntries(await Promise.all(others.map(async (agencyId) => [agencyId, await get<unknown>(apiPath`/agencies/${agencyId}/keys`)] as const)));
    const reply = await askKeyWorker({ type: 'sign-agreement', agreement, version, listings });
    if (reply.type !== 'agreement-signed') throw new Error(reply.type === 'error' ? reply.message : 'the agreement was not signed');
    const path = apiPath`/agreements/${agreement.id}/versions/${version}/signatures`;
    return (await http.request<Agreement>({ method: 'POST', path, json: { signerEpoch: reply.signerEpoch, signature: reply.signature } })).body;
  },

  async report(request: MonitoringReportRequest): Promise<MonitoringReport> {
    return (await http.request<MonitoringReport>({ method: 'POST', path: '/monitoring/reports', json: request })).body;
  },
};
