import {
  type Agreement,
  apiPath,
  type MonitoringReport,
  type MonitoringReportRequest,
  type RiskAction,
  type RiskMeeting,
  type RiskMeetingView,
  type RiskTeam,
  type TeamReferral,
} from '../../../src/sdk/browser';
import { askKeyWorker } from '../workers/key-worker';
import { http } from './http';

async function get<T>(path: string): Promise<T> {
  return (await http.request<T>({ method: 'GET', path })).body;
}

/** GET /risk-meetings/{id}/notes/{noteId}: the note's facts and its sealed record (only the key worker opens it). */
interface SealedMeetingNote {
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

  /** Opens an action's sealed "what" in the key worker (a decided, logged read); the text comes back, never a key. */
  async openActionText(action: RiskAction): Promise<string> {
    const note = await get<SealedMeetingNote>(apiPath`/risk-meetings/${action.meetingId}/notes/${action.noteId}`);
    const authorListing = await get<unknown>(apiPath`/agencies/${note.authorAgencyId}/keys`);
    const reply = await askKeyWorker({ type: 'open-record', record: note.content, expect: { category: 'risk', authorAgencyId: action.ownerAgencyId }, authorListing, body: 'text' });
    if (reply.type !== 'record-opened') throw new Error(reply.type === 'error' ? reply.message : 'the action did not open');
    return String(reply.content);
  },

  async report(request: MonitoringReportRequest): Promise<MonitoringReport> {
    return (await http.request<MonitoringReport>({ method: 'POST', path: '/monitoring/reports', json: request })).body;
  },
};
