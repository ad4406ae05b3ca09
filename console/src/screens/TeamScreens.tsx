import { useState } from 'react';
import { ScrollTable } from '../components/ScrollTable';
import { type RiskTeam, type TeamReferral } from '../../../src/sdk/browser';
import { useChairedTeam, useMyActions } from '../api/use-team';
import { ActionTable } from '../components/ActionTable';
import { AgencyKeysPanel } from '../components/AgencyKeysPanel';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { Time } from '../components/Time';
import { useLanguage, useT } from '../i18n/i18n';
import { useStore } from '../state/store';
import { agencyKeysStore } from '../state/stores';

function AgendaTable({ referrals, name }: { referrals: TeamReferral[]; name: (id: string) => string }) {
  const t = useT();
  const caption = t('team.agenda');
  return (
    <ScrollTable caption={caption} columns={[t('team.referredBy'), t('team.reason'), t('team.teamStatus'), t('team.survivorInformed'), t('team.referredAt')]}>
      {referrals.map((referral) => (
        <tr key={referral.id}>
          <td>{name(referral.referringAgencyId)}</td>
          <td>{t(`team.reason.${referral.reason}`)}</td>
          <td>
            {t(`team.status.${referral.status}`)}
            {referral.withoutConsent && <> · {t('team.withoutConsent')}</>}
          </td>
          <td>{t(referral.survivorInformed ? 'team.yes' : 'team.no')}</td>
          <td>
            <Time iso={referral.referredAt} />
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/** Which chaired team the screen shows, by name: only when the agency chairs more than one. */
function TeamChooser({ teams, chosen, choose }: { teams: RiskTeam[]; chosen: string; choose: (teamId: string) => void }) {
  const t = useT();
  if (teams.length < 2) return null;
  return (
    <div className="card">
      <label htmlFor="team-chooser">{t('team.choose')}</label>
      <p id="team-chooser-hint" className="hint">
        {t('team.chooseHint', { count: teams.length })}
      </p>
      <select id="team-chooser" aria-describedby="team-chooser-hint" value={chosen} onChange={(event) => choose(event.target.value)}>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The chair's screen (issue 22): the next meeting, its agenda of referred cases, and the action tracker. */
export function TeamChairScreen() {
  const { t, language } = useLanguage();
  const { view, choose, name } = useChairedTeam();
  const keysOpen = useStore(agencyKeysStore) !== null;
  if (view.status === 'loading') return <Loading />;
  if (view.status === 'failed') return <Problem message={view.message} />;
  const chaired = view.value;
  if (!chaired) return <p>{t('team.noneChaired')}</p>;
  const meeting = chaired.meeting;
  return (
    <>
      <h1>{t('team.title', { team: chaired.team.name })}</h1>
      <TeamChooser teams={chaired.teams} chosen={chaired.team.id} choose={choose} />
      <AgencyKeysPanel />
      <section>
        <h2>{t('team.nextMeeting')}</h2>
        {meeting ? (
          <p>{t('team.heldAt', { time: new Date(meeting.heldAt).toLocaleString(language, { dateStyle: 'full', timeStyle: 'short' }), agencies: meeting.attendeeAgencyIds.map(name).join(', ') })}</p>
        ) : (
          <p>{t('team.noMeeting')}</p>
        )}
        {meeting && (chaired.agenda.length === 0 ? <p>{t('team.agendaEmpty')}</p> : <AgendaTable referrals={chaired.agenda} name={name} />)}
      </section>
      <section>
        <h2>{t('team.tracker')}</h2>
        {chaired.actions.length === 0 ? <p>{t('team.trackerEmpty')}</p> : <ActionTable rows={chaired.actions} caption={t('team.tracker')} name={name} canOpen={keysOpen} />}
      </section>
    </>
  );
}

/** A member agency's screen: the actions it owns, overdue first. */
export function MyActionsScreen() {
  const t = useT();
  const { list, rows, name, agencyId } = useMyActions();
  const keysOpen = useStore(agencyKeysStore) !== null;
  const [saved, setSaved] = useState(false);
  const changes = {
    agencyId,
    onChanged: () => {
      setSaved(true);
      list.reload();
    },
  };
  return (
    <>
      <h1>{t('actions.title')}</h1>
      <p>{t('actions.intro')}</p>
      <AgencyKeysPanel />
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Problem message={list.message} />}
      <p role="status" className="success">
        {saved ? t('actions.saved') : ''}
      </p>
      {list.status === 'ready' && (rows.length === 0 ? <p>{t('actions.none')}</p> : <ActionTable rows={rows} caption={t('actions.title')} name={name} canOpen={keysOpen} changes={changes} />)}
    </>
  );
}
