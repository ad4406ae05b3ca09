import { type PersonListed } from '../api/coord-transport';
import { usePeople } from '../api/use-people';
import { AgencyForm } from '../components/AgencyForm';
import { Loading } from '../components/Loading';
import { PersonForm } from '../components/PersonForm';
import { Problem } from '../components/Problem';
import { ScrollTable } from '../components/ScrollTable';
import { type MessageKey } from '../i18n/en';
import { useLanguage, useT } from '../i18n/i18n';

function PeopleTable({ agency, people, busy, onNewLink }: { agency: string; people: readonly PersonListed[]; busy: boolean; onNewLink: (person: PersonListed) => void }) {
  const t = useT();
  const persons = people.filter((person) => person.kind === 'person');
  if (persons.length === 0) return <p>{t('people.none')}</p>;
  return (
    <ScrollTable caption={t('people.listLabel', { agency })} columns={[t('people.name'), t('people.username'), t('people.roles'), t('people.actions')]}>
      {persons.map((person) => (
        <tr key={person.id}>
          <td>{person.displayName}</td>
          <td translate="no">{person.username}</td>
          <td>{person.roles.map((role) => t(`role.${role}` as MessageKey)).join(', ')}</td>
          <td>
            <button type="button" className="secondary" disabled={busy || person.status !== 'active'} onClick={() => onNewLink(person)}>
              {t('people.newLink', { name: person.displayName })}
            </button>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/** The administrator onboards people (issue 20): a person in an agency, and their single-use enrolment link. */
export function PeopleScreen() {
  const { t, language } = useLanguage();
  const view = usePeople();
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title">{t('people.title')}</h1>
      <p>{t('people.intro')}</p>
      {view.agencies.status === 'failed' && <Problem message={view.agencies.message} />}
      <div className="card">
        <AgencyForm busy={view.busy} onSubmit={view.createAgency} />
        {view.agencyProblem && (
          <p role="alert" className="problem">
            {t(`onboard.agency.problem.${view.agencyProblem}` as MessageKey)}
          </p>
        )}
        {view.created && (
          <p role="status" className="success">
            {t('onboard.agency.created', { name: view.created.name })}
          </p>
        )}
      </div>
      <h2>{t('onboard.people.title')}</h2>
      <label htmlFor="people-agency">{t('people.agency')}</label>
      <select id="people-agency" value={view.agency?.id ?? ''} onChange={(event) => view.choose(event.target.value)}>
        {view.list.map((agency) => (
          <option key={agency.id} value={agency.id}>
            {agency.name}
          </option>
        ))}
      </select>
      <PersonForm key={view.agency?.id} roles={view.roles} busy={view.busy} onSubmit={view.onboard} />
      {view.problem && (
        <p role="alert" className="problem">
          {t(`people.problem.${view.problem}` as MessageKey)}
        </p>
      )}
      {view.issued && (
        <div className="card" role="status">
          <h2>{t('people.linkFor', { username: view.issued.username })}</h2>
          <p>
            <code className="wrap" translate="no" data-testid="enrolment-link">
              {view.issued.link}
            </code>
          </p>
          <p className="hint">
            {t('people.linkHint', { expires: new Date(view.issued.expiresAt).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' }) })}
          </p>
        </div>
      )}
      {view.people.status === 'loading' && <Loading />}
      {view.people.status === 'failed' && <Problem message={view.people.message} />}
      {view.people.status === 'ready' && <PeopleTable agency={view.agency?.name ?? ''} people={view.people.value} busy={view.busy} onNewLink={(person) => view.newLink(person.id, person.username)} />}
      <p className="hint">{t('people.agencyKeys')}</p>
    </section>
  );
}
