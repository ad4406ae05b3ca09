import { useState } from 'react';
import { type NoteRecipients, type RiskAction, type RiskContribution, type RiskMeetingView, type RiskTeam, type TeamReferral } from '../../../src/sdk/browser';
import { useStore } from '../state/store';
import { agencyKeysStore, chairTeamStore, sessionStore } from '../state/stores';
import { CaseWorkRefused, casesTransport } from './cases-transport';
import { coordinationTransport } from './coordination-transport';
import { useAgencyNames } from './use-agencies';
import { useAsync } from './use-async';
import { acceptsContributions, actionsOf, chairedTeams, chosenTeam, contributionCases, nextMeeting, type StatusChoice, statusChangeProblem, type StatusProblem, trackerRows } from './team-rules';

function myAgencyId(): string {
  const session = sessionStore.get();
  return session.status === 'signed-in' ? session.principal.agencyId : '';
}

/** The team this agency chairs, with its next meeting's agenda (the referred cases) and the action tracker. */
async function chairView(team: RiskTeam) {
  const [meetings, referrals] = await Promise.all([coordinationTransport.meetings(team.id), coordinationTransport.teamReferrals(team.id)]);
  const next = nextMeeting(meetings);
  const meeting = next ? await coordinationTransport.meeting(next.id) : null;
  const agenda = meeting ? meeting.agenda.map((id) => referrals.find((referral) => referral.id === id)).filter((referral) => referral !== undefined) : [];
  return { team, meeting, agenda, referrals, actions: trackerRows(meeting?.actions ?? []) };
}

/**
 * The chair's screen: the teams this agency chairs (by name), the one chosen (remembered in memory
 * only, until lock; decision 0160), and that team's view. Null when it chairs none.
 */
export function useChairedTeam() {
  const names = useAgencyNames();
  const agencyId = myAgencyId();
  const chosenId = useStore(chairTeamStore);
  const view = useAsync(async () => {
    const teams = chairedTeams(await coordinationTransport.teams(), agencyId);
    const chosen = chosenTeam(teams, chosenId);
    return chosen ? { teams, ...(await chairView(chosen)) } : null;
  }, [agencyId, chosenId]);
  return {
    view,
    choose: (teamId: string) => chairTeamStore.set(teamId),
    name: (id: string) => names.get(id) ?? '…',
  };
}

/** A member's screen: the actions this agency owns, overdue first. */
export function useMyActions() {
  const names = useAgencyNames();
  const agencyId = myAgencyId();
  const list = useAsync(() => coordinationTransport.myActions(), []);
  return { list, agencyId, rows: list.status === 'ready' ? actionsOf(list.value, agencyId) : [], name: (id: string) => names.get(id) ?? '…' };
}

/**
 * Marking an action done, or not done with a reason: the choice is checked by the rules before it
 * is sent (owner only; "not done" needs a reason), then the server decides and logs it.
 */
export function useActionStatus(action: RiskAction, agencyId: string, onChanged: () => void) {
  const [state, setState] = useState<{ status: 'idle' | 'busy' | 'failed' } | { status: 'invalid'; problem: StatusProblem }>({ status: 'idle' });
  const confirm = async (choice: StatusChoice) => {
    const problem = statusChangeProblem(action, agencyId, choice);
    if (problem) return setState({ status: 'invalid', problem });
    setState({ status: 'busy' });
    try {
      await coordinationTransport.setActionStatus(action.id, choice.status, choice.status === 'not_done' ? choice.reason : null);
      setState({ status: 'idle' });
      onChanged();
    } catch {
      setState({ status: 'failed' });
    }
  };
  return { state, confirm: (choice: StatusChoice) => void confirm(choice), reset: () => setState({ status: 'idle' }) };
}

/** A team note's sealed words, opened in the key worker on request; the text lives in this hook's state only. */
function useOpenedText(open: () => Promise<string>) {
  const [state, setState] = useState<{ status: 'sealed' | 'busy' | 'failed' } | { status: 'open'; text: string }>({ status: 'sealed' });
  const run = async () => {
    setState({ status: 'busy' });
    try {
      setState({ status: 'open', text: await open() });
    } catch {
      setState({ status: 'failed' });
    }
  };
  return { state, open: () => void run() };
}

/** A sealed text and how to open it, as the tables' rows show it. */
export type OpenedText = ReturnType<typeof useOpenedText>;

/** An action's sealed "what", opened on request. */
export function useActionText(action: RiskAction) {
  return useOpenedText(() => coordinationTransport.openActionText(action));
}

/** A contribution's sealed words, opened on request (the logged read path). */
export function useContributionText(contribution: RiskContribution) {
  return useOpenedText(() => coordinationTransport.openContributionText(contribution));
}

/** One agenda item a contribution can be added to: the meeting, the referral, and this agency's cases in the rules' order. */
export interface ContributionTarget {
  meeting: RiskMeetingView;
  teamName: string;
  referral: TeamReferral;
}

/** The meetings this agency attends that still take contributions, each agenda item it receives, and its own cases to seal on. */
async function contributionTargets(agencyId: string): Promise<{ targets: ContributionTarget[]; cases: Awaited<ReturnType<typeof casesTransport.list>> }> {
  const [teams, cases] = await Promise.all([coordinationTransport.teams(), casesTransport.list()]);
  const perTeam = await Promise.all(
    teams.map(async (team) => {
      const [meetings, referrals] = await Promise.all([coordinationTransport.meetings(team.id), coordinationTransport.teamReferrals(team.id)]);
      const open = await Promise.all(meetings.filter((meeting) => acceptsContributions(meeting, agencyId)).map((meeting) => coordinationTransport.meeting(meeting.id)));
      return open.flatMap((meeting) => meeting.agenda.flatMap((id) => referrals.filter((referral) => referral.id === id).map((referral) => ({ meeting, teamName: team.name, referral }))));
    }),
  );
  return { targets: perTeam.flat().sort((a, b) => a.meeting.heldAt.localeCompare(b.meeting.heldAt)), cases };
}

/** "Our contributions": what this agency wrote for team meetings, and where it may add one. */
export function useMyContributions() {
  const names = useAgencyNames();
  const agencyId = myAgencyId();
  const list = useAsync(() => coordinationTransport.myContributions(), []);
  const targets = useAsync(() => contributionTargets(agencyId), [agencyId]);
  return { list, targets, agencyId, name: (id: string) => names.get(id) ?? '…' };
}

/**
 * Adding a contribution: who will read it (the SDK's recipients for a `risk` note of the chosen case,
 * narrowed by the rules to the attending agencies) and the write, sealed in the key worker.
 */
export function useAddContribution(target: ContributionTarget | null, allCases: Parameters<typeof contributionCases>[0], onWritten: () => void) {
  const keysOpen = useStore(agencyKeysStore) !== null;
  const cases = target ? contributionCases(allCases, target.referral.caseId) : [];
  const [picked, setPicked] = useState<string | null>(null);
  const caseId = cases.find((each) => each.caseId === picked)?.caseId ?? cases[0]?.caseId ?? null;
  const recipients = useAsync<NoteRecipients | null>(() => (keysOpen && caseId ? casesTransport.noteRecipients(caseId, 'risk') : Promise.resolve(null)), [caseId, keysOpen]);
  const [state, setState] = useState<{ status: 'idle' | 'busy' } | { status: 'done'; readers: string[] } | { status: 'refused'; code: string | null }>({ status: 'idle' });
  const write = async (text: string): Promise<boolean> => {
    if (!target || !caseId) return false;
    setState({ status: 'busy' });
    try {
      const note = await casesTransport.contribute(target.meeting.id, target.referral.id, caseId, text);
      setState({ status: 'done', readers: note.recipients.filter((each) => each.agencyId !== note.authorAgencyId).map((each) => each.agencyId) });
      onWritten();
      return true;
    } catch (error) {
      setState({ status: 'refused', code: error instanceof CaseWorkRefused ? (error.code ?? null) : null });
      return false;
    }
  };
  return { keysOpen, cases, caseId, pick: setPicked, recipients, state, write };
}

