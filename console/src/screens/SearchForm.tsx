import { type FormEvent, useState } from 'react';
import { type AuditFilters } from '../api/use-audit';
import { useT } from '../i18n/i18n';
import { LEDGER_KINDS } from '../../../src/sdk/browser-plain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** datetime-local (the person's own clock) to an ISO instant. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function SearchForm({ names, onSearch }: { names: ReadonlyMap<string, string>; onSearch: (filters: AuditFilters) => void }) {
  const t = useT();
  const [agency, setAgency] = useState('');
  const [caseHandle, setCaseHandle] = useState('');
  const [kind, setKind] = useState('');
  const [outcome, setOutcome] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const caseInvalid = caseHandle !== '' && !UUID.test(caseHandle.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (caseInvalid) return;
    onSearch({
      agency: agency || undefined,
      case: caseHandle.trim() || undefined,
      kind: kind || undefined,
      outcome: outcome === 'permitted' || outcome === 'denied' ? outcome : undefined,
      from: instant(from),
      to: instant(to),
    });
  };

  const agencies = [...names.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <form onSubmit={submit} className="filters">
      <div>
        <label htmlFor="f-agency">{t('search.agency')}</label>
        <select id="f-agency" value={agency} onChange={(event) => setAgency(event.target.value)}>
          <option value="">{t('search.anyAgency')}</option>
          {agencies.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-case">{t('search.case')}</label>
        <input
          id="f-case"
          autoComplete="off"
          spellCheck={false}
          translate="no"
          value={caseHandle}
          aria-invalid={caseInvalid}
          aria-describedby={caseInvalid ? 'f-case-error' : undefined}
          onChange={(event) => setCaseHandle(event.target.value)}
        />
        {caseInvalid && (
          <p id="f-case-error" className="problem">
            {t('search.caseInvalid')}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="f-kind">{t('search.kind')}</label>
        <select id="f-kind" value={kind} onChange={(event) => setKind(event.target.value)}>
          <option value="">{t('search.anyKind')}</option>
          {LEDGER_KINDS.map((each) => (
            <option key={each} value={each}>
              {each}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-outcome">{t('search.outcome')}</label>
        <select id="f-outcome" value={outcome} onChange={(event) => setOutcome(event.target.value)}>
          <option value="">{t('search.anyOutcome')}</option>
          <option value="permitted">{t('search.permitted')}</option>
          <option value="denied">{t('search.denied')}</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-from">{t('search.from')}</label>
        <input id="f-from" type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
      </div>
      <div>
        <label htmlFor="f-to">{t('search.to')}</label>
        <input id="f-to" type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />
      </div>
      <div className="actions">
        <button type="submit">{t('search.submit')}</button>
      </div>
    </form>
  );
}
