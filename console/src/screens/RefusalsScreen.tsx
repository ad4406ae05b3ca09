import { useEffect } from 'react';
import { useAgencyNames } from '../api/use-agencies';
import { useAuditSearch } from '../api/use-audit';
import { EntriesTable } from '../components/EntriesTable';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { useT } from '../i18n/i18n';

/** "Who tried and was refused": every entry whose outcome is denied. */
export function RefusalsScreen() {
  const t = useT();
  const names = useAgencyNames();
  const { state, search, more } = useAuditSearch();
  useEffect(() => void search({ outcome: 'denied' }), [search]);
  return (
    <>
      <h1>{t('refusals.title')}</h1>
      <p>{t('refusals.intro')}</p>
      {(state.status === 'loading' || state.status === 'idle') && <Loading />}
      {state.status === 'failed' && <Problem message={state.message} />}
      {state.status === 'ready' &&
        (state.entries.length === 0 ? (
          <p>{t('refusals.none')}</p>
        ) : (
          <>
            <EntriesTable entries={state.entries} names={names} caption={t('refusals.title')} />
            {state.nextCursor !== null && (
              <button type="button" onClick={() => void more()}>
                {t('search.more')}
              </button>
            )}
          </>
        ))}
    </>
  );
}
