import { useEffect, useRef, useState } from 'react';
import { type ConsentRecord } from '../../../src/sdk/browser';
import { useAgencyNames } from '../api/use-agencies';
import { languageOfTag, PrintLanguage, printDay } from '../components/PrintLanguage';
import { type MessageKey } from '../i18n/en';
import { type Language, translator, useT } from '../i18n/i18n';

/**
 * The release as a form to sign, in the survivor's language (English or Spanish, chosen here):
 * the terms as signed by the agency, the checklist discussed, the deny list by name, and lines
 * for her, the advocate and an interpreter. @media print leaves only this on paper.
 */
export function ReleasePrint({ consent, onBack }: { consent: ConsentRecord; onBack: () => void }) {
  const t = useT();
  const [language, setLanguage] = useState<Language>(languageOfTag(consent.current.language));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <div className="no-print">
        <h1 ref={heading} tabIndex={-1}>
          {t('rel.print')}
        </h1>
        <div className="actions">
          <PrintLanguage id="print-language" label="rel.print.choose" value={language} onChange={setLanguage} />
          <button type="button" onClick={() => window.print()}>
            {t('rel.print.button')}
          </button>
          <button type="button" className="secondary" onClick={onBack}>
            {t('rel.back')}
          </button>
        </div>
      </div>
      <ReleaseDocument consent={consent} language={language} />
    </>
  );
}

function ReleaseDocument({ consent, language }: { consent: ConsentRecord; language: Language }) {
  const p = translator(language);
  const names = useAgencyNames();
  const name = (id: string) => names.get(id) ?? '…';
  const current = consent.current;
  const recipient = name(consent.recipientAgencyId);
  const custodian = name(consent.custodianAgencyId);
  return (
    <article className="printable" lang={language} aria-labelledby="release-document-title">
      <h2 id="release-document-title">{p('rel.print.title')}</h2>
      <p>{p('rel.print.intro', { custodian, recipient })}</p>
      <dl>
        <dt>{p('rel.print.from')}</dt>
        <dd>{custodian}</dd>
        <dt>{p('rel.print.to')}</dt>
        <dd>{recipient}</dd>
        <dt>{p('rel.print.purpose')}</dt>
        <dd>{p(`rel.purpose.${current.purpose}`)}</dd>
        <dt>{p('rel.print.period')}</dt>
        <dd>{p('rel.print.periodText', { from: printDay(current.validFrom, language), until: printDay(current.validUntil, language) })}</dd>
      </dl>
      <h3>{p('rel.print.may', { recipient })}</h3>
      <ul>
        {current.actions.map((action) => (
          <li key={action}>{p(`rel.action.${action}`)}</li>
        ))}
      </ul>
      {current.categories.length > 0 && (
        <>
          <h3>{p('rel.print.categories')}</h3>
          <ul>
            {current.categories.map((category) => (
              <li key={category}>{p(`rel.category.${category}`)}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{p('rel.print.never')}</h3>
      {current.denyAgencyIds.length === 0 ? <p>{p('rel.print.nobody')}</p> : <ul>{current.denyAgencyIds.map((id) => <li key={id}>{name(id)}</li>)}</ul>}
      <h3>{p('rel.print.informed')}</h3>
      <ul className="checklist">
        {current.informedConsent.map((item) => (
          <li key={item}>{p(`rel.informed.${item}`)}</li>
        ))}
      </ul>
      <p>{p('rel.print.language', { language: current.language })}</p>
      <p>{current.interpreter.used ? p('rel.print.interpreterUsed', { affiliation: current.interpreter.affiliation ? p(`rel.affiliation.${current.interpreter.affiliation}`) : '—' }) : p('rel.print.interpreterNone')}</p>
      <p>{p(`rel.capture.${current.captureMode}`)}</p>
      <p>
        <strong>{p('rel.print.revoke', { custodian })}</strong>
      </p>
      <p>{p('rel.print.notCondition')}</p>
      <Signatures p={p} interpreter={current.interpreter.used} />
      <p className="hint">
        {p('rel.print.version', { version: consent.currentVersion, time: printDay(current.recordedAt, language) })} · {p('rel.print.reference', { id: consent.id })}
      </p>
    </article>
  );
}

function Signatures({ p, interpreter }: { p: ReturnType<typeof translator>; interpreter: boolean }) {
  const lines: MessageKey[] = ['rel.print.signSurvivor', 'rel.print.signAdvocate', ...(interpreter ? (['rel.print.signInterpreter'] as const) : [])];
  return (
    <div className="signature-lines">
      {lines.map((line) => (
        <div key={line} className="dl-row">
          <div>{p(line)}</div>
          <div>{p('rel.print.date')}</div>
        </div>
      ))}
    </div>
  );
}
