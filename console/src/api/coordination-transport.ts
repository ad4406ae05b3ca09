import type {
  ActionNotDoneReason,
  Agreement,
  MonitoringReport,
  MonitoringReportRequest,
  MonitoringReportSummary,
  RiskAction,
  RiskContribution,
  RiskMeeting,
  RiskMeetingView,
  RiskTeam,
  TeamReferral,
} from '../../../src/sdk/browser';
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

/** A team's sealed `risk` note fetched through GET /notes/{id} (decided and logged) and opened in the key worker, checked against its author. */
async function openRiskNote(noteId: string, authorAgencyId: string): Promise<string> {
  const note = await get<SealedNote>(apiPath`/notes/${noteId}`);
  const authorListing = await get<unknown>(apiPath`/agencies/${note.authorAgencyId}/keys`);
  const reply = await askKeyWorker({ type: 'open-record', record: note.content, expect: { category: 'risk', authorAgencyId }, authorListing, body: 'text' });
  if (reply.type !== 'record-opened') throw new Error(reply.type === 'error' ? reply.message : 'the note did not open');
  return String(reply.content);
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
  myContributions: () => get<RiskContribution[]>('/risk-contributions'),

  /** The owner agency sets its action done, or not done with a coded reason (the server logs the change on the case). */
  async setActionStatus(actionId: string, status: 'done' | 'not_done', notDoneReason: ActionNotDoneReason | null): Promise<RiskAction> {
    const json = { status, ...(notDoneReason === null ? {} : { notDoneReason }) };
    return (await http.request<RiskAction>({ method: 'PUT', path: apiPath`/risk-actions/${actionId}/status`, json })).body;
  },

  /** Opens an action's sealed "what" in the key worker, through the notes read path (decided and logged); the text comes back, never a key. */
  openActionText: (action: RiskAction): Promise<string> => openRiskNote(action.noteId, action.ownerAgencyId),

  /** Opens a contribution (a `risk` note this agency wrote) the same way: the logged read path, opened in the key worker. */
  openContributionText: (contribution: RiskContribution): Promise<string> => openRiskNote(contribution.noteId, contribution.authorAgencyId),

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
  storedReports: async () => (await get<{ items: MonitoringReportSummary[] }>('/monitoring/reports')).items,
  storedReport: (reportId: string) => get<MonitoringReport>(apiPath`/monitoring/reports/${reportId}`),
};
