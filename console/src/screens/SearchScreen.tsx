import { useState } from 'react';
import { useAgencyNames } from '../api/use-agencies';
import { type AuditFilters, exportAudit, useAuditSearch } from '../api/use-audit';
import { EntriesTable } from '../components/EntriesTable';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { useT } from '../i18n/i18n';
import { SearchForm } from './SearchForm';

function ExportPanel({ filters }: { filters: AuditFilters }) {
  const t = useT();
  const [message, setMessage] = useState<string | null>(null);
  const run = (format: 'csv' | 'ndjson') =>
    exportAudit(filters, format).then(
      (file) => setMessage(t('export.ready', { file })),
      (error: unknown) => setMessage(t('app.error', { message: error instanceof Error ? error.message : String(error) })),
    );
  return (
    <section aria-labelledby="export-title" className="card">
      <h2 id="export-title">{t('export.title')}</h2>
      <p className="warning">{t('export.warning')}</p>
      <div className="actions">
        <button type="button" onClick={() => void run('csv')}>
          {t('export.csv')}
        </button>
        <button type="button" onClick={() => void run('ndjson')}>
          {t('export.ndjson')}
        </button>
      </div>
      {message && <p role="status">{message}</p>}
    </section>
  );
}

export function SearchScreen() {
  const t = useT();
  const names = useAgencyNames();
  const { state, search, more } = useAuditSearch();
  const [filters, setFilters] = useState<AuditFilters>({});
  const onSearch = (wanted: AuditFilters) => {
    setFilters(wanted);
    void search(wanted);
  };
  return (
    <>
      <h1>{t('search.title')}</h1>
      <p className="hint">{t('search.queryLogged')}</p>
      <SearchForm names={names} onSearch={onSearch} />
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Problem message={state.message} />}
      {state.status === 'ready' && (
        <>
          <p role="status">{state.entries.length === 0 ? t('search.none') : t('search.results', { count: state.entries.length })}</p>
          {state.entries.length > 0 && <EntriesTable entries={state.entries} names={names} caption={t('search.title')} />}
          {state.nextCursor !== null && (
            <button type="button" onClick={() => void more()}>
              {t('search.more')}
            </button>
          )}
          <ExportPanel filters={filters} />
        </>
      )}
    </>
  );
}
