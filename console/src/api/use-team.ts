import { useState } from 'react';
import { type RiskAction, type RiskTeam } from '../../../src/sdk/browser';
import { sessionStore } from '../state/stores';
import { coordinationTransport } from './coordination-transport';
import { useAgencyNames } from './use-agencies';
import { useAsync } from './use-async';
import { actionsOf, nextMeeting, trackerRows } from './team-rules';

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

/** The chair's screen: the first team this agency chairs (null when it chairs none). */
export function useChairedTeam() {
  const names = useAgencyNames();
  const agencyId = myAgencyId();
  const view = useAsync(async () => {
    const chaired = (await coordinationTransport.teams()).find((team) => team.chairAgencyId === agencyId);
    return chaired ? chairView(chaired) : null;
  }, [agencyId]);
  return { view, name: (id: string) => names.get(id) ?? '…' };
}

/** A member's screen: the actions this agency owns, overdue first. */
export function useMyActions() {
  const names = useAgencyNames();
  const agencyId = myAgencyId();
  const list = useAsync(() => coordinationTransport.myActions(), []);
  return { list, rows: list.status === 'ready' ? actionsOf(list.value, agencyId) : [], name: (id: string) => names.get(id) ?? '…' };
}

/** An action's sealed "what", opened in the key worker on request; the text lives in this hook's state only. */
export function useActionText(action: RiskAction) {
  const [state, setState] = useState<{ status: 'sealed' | 'busy' | 'failed' } | { status: 'open'; text: string }>({ status: 'sealed' });
  const open = async () => {
    setState({ status: 'busy' });
    try {
      setState({ status: 'open', text: await coordinationTransport.openActionText(action) });
    } catch {
      setState({ status: 'failed' });
    }
  };
  return { state, open: () => void open() };
}
