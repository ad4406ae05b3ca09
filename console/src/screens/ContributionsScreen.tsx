import { useMyContributions } from '../api/use-team';
import { AddContributionForm } from '../components/AddContributionForm';
import { AgencyKeysPanel } from '../components/AgencyKeysPanel';
import { ContributionTable } from '../components/ContributionTable';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { useT } from '../i18n/i18n';
import { useStore } from '../state/store';
import { agencyKeysStore } from '../state/stores';

/** "Our contributions" (issue 22): what this agency said at team meetings, each opened on request; and a new contribution to a meeting it attends. */
export function ContributionsScreen() {
  const t = useT();
  const { list, targets, agencyId, name } = useMyContributions();
  const keysOpen = useStore(agencyKeysStore) !== null;
  return (
    <>
      <h1>{t('contrib.title')}</h1>
      <p>{t('contrib.intro')}</p>
      <AgencyKeysPanel />
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Problem message={list.message} />}
      {list.status === 'ready' && (list.value.length === 0 ? <p>{t('contrib.none')}</p> : <ContributionTable contributions={list.value} agencyId={agencyId} name={name} canOpen={keysOpen} />)}
      <section aria-labelledby="add-contribution" className="card">
        <h2 id="add-contribution">{t('contrib.add.title')}</h2>
        {targets.status === 'loading' && <Loading />}
        {targets.status === 'failed' && <Problem message={targets.message} />}
        {targets.status === 'ready' && <AddContributionForm targets={targets.value.targets} cases={targets.value.cases} agencyId={agencyId} name={name} onWritten={() => list.reload()} />}
      </section>
    </>
  );
}
