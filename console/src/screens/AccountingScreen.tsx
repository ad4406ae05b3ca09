import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { type AccountingEntryView, type AccountingView, partiesOf, wordedKind } from '../api/accounting-rules';
import { useAccounting } from '../api/use-accounting';
import { languageOfTag, PrintLanguage, printDay, sayCode } from '../components/PrintLanguage';
import { ScrollTable } from '../components/ScrollTable';
import { type Language, translator, type Translate, useLanguage } from '../i18n/i18n';
import { type AccountingCheck } from '../workers/verify-accounting-protocol';

/**
 * The survivor's accounting: fetched and verified in a worker against the trust policy chosen
 * here (read in the browser, never uploaded), then shown — and printed — in plain words, in
 * English or Spanish, from the entries' codes and the agencies' names.
 */
export function AccountingScreen({ caseId, onBack }: { caseId: string; onBack: () => void }) {
  const { t, language: uiLanguage } = useLanguage();
  const { state, fetchAndVerify } = useAccounting(caseId);
  const [policy, setPolicy] = useState<string | null>(null);
  const [language, setLanguage] = useState<Language>(languageOfTag(uiLanguage));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const choosePolicy = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setPolicy(file ? await file.text() : null);
  };
  return (
    <>
      <div className="no-print">
        <h1 ref={heading} tabIndex={-1}>
          {t('acc.title')}
        </h1>
        <p>{t('acc.intro')}</p>
        <label htmlFor="accounting-trust">{t('acc.trust')}</label>
        <input id="accounting-trust" type="file" accept="application/json,.json" onChange={(event) => void choosePolicy(event)} />
        <div className="actions">
          <button type="button" disabled={state.status === 'running'} onClick={() => fetchAndVerify(policy)}>
            {t(state.status === 'running' ? 'acc.busy' : 'acc.verify')}
          </button>
          <button type="button" className="secondary" onClick={onBack}>
            {t('rel.back')}
          </button>
        </div>
        {state.status === 'failed' && <p role="alert" className="problem">{state.message}</p>}
        {state.status === 'done' && <Verdict check={state.check} />}
        {state.status === 'done' && state.check.ok && (
          <div className="actions">
            <PrintLanguage id="accounting-language" label="acc.printLanguage" value={language} onChange={setLanguage} />
            <button type="button" onClick={() => window.print()}>
              {t('acc.print')}
            </button>
          </div>
        )}
      </div>
      {state.status === 'done' && state.check.ok && <AccountingDocument accounting={state.accounting} language={language} />}
    </>
  );
}

function Verdict({ check }: { check: AccountingCheck }) {
  const { t } = useLanguage();
  if (!check.ok) return <p role="alert" className="problem">{t('acc.failed', { failures: check.failures.map((failure) => failure.message).join('; ') })}</p>;
  const counts = { entries: check.entries, size: check.treeSize ?? 0 };
  return (
    <p role="status" className="success">
      {check.trustedServedKey || check.witnesses.length === 0 ? t('acc.okNoWitness', counts) : t('acc.ok', { ...counts, witnesses: check.witnesses.join(', ') })}
    </p>
  );
}

function AccountingDocument({ accounting, language }: { accounting: AccountingView; language: Language }) {
  const p = translator(language);
  const custodian = accounting.custodian.name ?? '—';
  const { summary } = accounting;
  return (
    <article className="printable" lang={language} aria-labelledby="accounting-document-title">
      <h2 id="accounting-document-title">{p('acc.printTitle')}</h2>
      <p>{p('acc.printIntro', { custodian })}</p>
      <p className="hint">{p('acc.generated', { time: printDay(accounting.generatedAt, language) })}</p>
      <h3>{p('acc.summary')}</h3>
      <p>{p('acc.summaryText', { disclosures: summary.disclosures, compelled: summary.compelled, refused: summary.refused, custodian, internal: summary.internalAccess })}</p>
      {accounting.consents.length > 0 && (
        <>
          <h3>{p('acc.releases')}</h3>
          <ul>
            {accounting.consents.map((consent) => (
              <li key={consent.consentId}>{p('acc.releaseLine', { recipient: consent.recipient.name ?? '—', status: sayCode(p, 'rel.status', consent.status) })}</li>
            ))}
          </ul>
        </>
      )}
      <EntriesTable entries={accounting.entries} p={p} language={language} />
    </article>
  );
}

function EntriesTable({ entries, p, language }: { entries: AccountingEntryView[]; p: Translate; language: Language }) {
  return (
    <ScrollTable caption={p('acc.entries')} columns={[p('acc.when'), p('acc.what'), p('acc.who'), p('acc.which'), p('acc.why')]}>
      {entries.map((entry) => (
        <EntryRow key={entry.index} entry={entry} p={p} language={language} />
      ))}
    </ScrollTable>
  );
}

function EntryRow({ entry, p, language }: { entry: AccountingEntryView; p: Translate; language: Language }) {
  const kind = wordedKind(entry.kind);
  const parties = partiesOf(entry);
  return (
    <tr>
      <td>{new Date(entry.time).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })}</td>
      <td>
        {kind === 'other' ? p('acc.kind.other', { kind: entry.kind }) : p(`acc.kind.${kind}`)}
        {entry.outcome === 'denied' && kind !== 'denied' && ` (${p('acc.denied')})`}
      </td>
      <td>{parties.to ? p('acc.by', { from: parties.from, to: parties.to }) : parties.from}</td>
      <td>{entry.categories.length === 0 ? p('acc.none') : entry.categories.map((category) => sayCode(p, 'rel.category', category.code)).join(', ')}</td>
      <td>{entry.purpose ? sayCode(p, 'rel.purpose', entry.purpose.code) : p('acc.none')}</td>
    </tr>
  );
}
