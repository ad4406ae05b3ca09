import { useCaseList } from '../api/use-cases';
import { CaseTable } from '../components/CaseTable';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { useT } from '../i18n/i18n';
import { useStore } from '../state/store';
import { openCaseStore } from '../state/stores';
import { CaseTimelineScreen } from './CaseTimelineScreen';

/** The agency's cases; a case's timeline opens in place (state, not a URL: no handle in history). */
export function CasesScreen() {
  const openId = useStore(openCaseStore);
  return openId ? <CaseTimelineScreen key={openId} caseId={openId} /> : <CaseList />;
}

function CaseList() {
  const t = useT();
  const { list, rows, open } = useCaseList();
  const title = t('adv.cases.title');
  return (
    <>
      <h1>{title}</h1>
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Problem message={list.message} />}
      {list.status === 'ready' && (rows.length === 0 ? <p>{t('adv.cases.none')}</p> : <CaseTable rows={rows} caption={title} onOpen={open} />)}
    </>
  );
}
