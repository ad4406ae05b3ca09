import { useEffect, useRef } from 'react';
import type { ConsentRecord, InterpreterAffiliation, PurposeCode } from '../../../src/sdk/browser';
import { CAPTURE_MODES, CONSENT_ACTIONS, INFORMED_CONSENT_ITEMS, INTERPRETER_AFFILIATIONS, PURPOSE_CODES, SHAREABLE_NOTE_CATEGORIES } from '../../../src/sdk/browser-plain';
import { type FormField, type ReleaseForm } from '../api/release-rules';
import { usePartnerAgencies, useReleaseForm } from '../api/use-releases';
import { CheckboxGroup, RadioGroup } from '../components/ChoiceGroup';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

type Change = (patch: Partial<ReleaseForm>) => void;
const problemKey = (field: FormField, problems: FormField[]): MessageKey | undefined => (problems.includes(field) ? `rel.problem.${field}` : undefined);

/** The guided release form (a new release, or an amendment of `consent`): every question in plain words. */
export function ReleaseFormScreen({ caseId, consent, recipientName, onDone }: { caseId: string; consent: ConsentRecord | null; recipientName: string; onDone: () => void }) {
  const t = useT();
  const state = useReleaseForm(caseId, consent);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { form, change, problems } = state;
  return (
    <form className="release-form" noValidate onSubmit={(event) => (event.preventDefault(), state.send())}>
      <h1 ref={heading} tabIndex={-1}>
        {consent ? t('rel.form.amendTitle', { agency: recipientName }) : t('rel.form.newTitle')}
      </h1>
      <p>{t('rel.form.intro')}</p>
      <Problems problems={problems} />
      {!consent && <Recipient form={form} change={change} problems={problems} />}
      <CheckboxGroup name="actions" legend="rel.form.actions" options={CONSENT_ACTIONS} label={(code) => `rel.action.${code}`} chosen={form.actions} onChange={(actions) => change({ actions })} problem={problemKey('actions', problems)} />
      {form.actions.includes('receive_notes') && (
        <CheckboxGroup name="categories" legend="rel.form.categories" options={SHAREABLE_NOTE_CATEGORIES} label={(code) => `rel.category.${code}`} chosen={form.categories} onChange={(categories) => change({ categories })} problem={problemKey('categories', problems)} />
      )}
      <Purpose form={form} change={change} problems={problems} />
      <Dates form={form} change={change} problems={problems} />
      <RadioGroup name="capture" legend="rel.form.capture" options={CAPTURE_MODES} label={(code) => `rel.capture.${code}`} chosen={form.captureMode} onChange={(captureMode) => change({ captureMode })} problem={problemKey('captureMode', problems)} />
      <label htmlFor="release-language">{t('rel.form.language')}</label>
      <input id="release-language" value={form.language} onChange={(event) => change({ language: event.target.value })} aria-invalid={problems.includes('language')} />
      <Interpreter form={form} change={change} problems={problems} />
      <CheckboxGroup name="informed" legend="rel.form.checklist" options={INFORMED_CONSENT_ITEMS} label={(code) => `rel.informed.${code}`} chosen={form.informedConsent} onChange={(informedConsent) => change({ informedConsent })} problem={problemKey('informedConsent', problems)} />
      <DenyList form={form} change={change} problems={problems} />
      <label htmlFor="release-words">{t('rel.form.words')}</label>
      <textarea id="release-words" value={form.survivorWords} onChange={(event) => change({ survivorWords: event.target.value })} autoComplete="off" spellCheck={false} />
      {consent && <p className="hint">{t('rel.form.wordsKept')}</p>}
      <div className="actions">
        <button type="submit" disabled={state.submit.status === 'busy'}>
          {t(state.submit.status === 'busy' ? 'rel.form.busy' : consent ? 'rel.form.submitAmend' : 'rel.form.submitNew')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('rel.back')}
        </button>
      </div>
      <Outcome submit={state.submit} recipientName={recipientName} />
    </form>
  );
}

function Problems({ problems }: { problems: FormField[] }) {
  const t = useT();
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="problem">
      <p>{t('rel.form.problems')}</p>
      <ul>
        {problems.map((field) => (
          <li key={field}>{t(`rel.problem.${field}`)}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * What came of the submission. It takes the focus: the submit button is disabled while the release
 * is signed, which drops a keyboard user's focus to the page's start; from here Shift+Tab reaches
 * the way back, as it should.
 */
function Outcome({ submit, recipientName }: { submit: ReturnType<typeof useReleaseForm>['submit']; recipientName: string }) {
  const t = useT();
  const names = usePartnerAgencies();
  const outcome = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (submit.status === 'done' || submit.status === 'failed') outcome.current?.focus();
  }, [submit.status]);
  if (submit.status === 'failed')
    return (
      <p ref={outcome} tabIndex={-1} role="alert" className="problem">
        {t('rel.form.failed', { message: submit.message })}
      </p>
    );
  if (submit.status !== 'done') return null;
  const agency = names.find((each) => each.id === submit.consent.recipientAgencyId)?.name ?? recipientName;
  return (
    <p ref={outcome} tabIndex={-1} role="status" className="success">
      {t('rel.form.recorded', { version: submit.consent.currentVersion, agency })}
    </p>
  );
}

interface Part {
  form: ReleaseForm;
  change: Change;
  problems: FormField[];
}

function Recipient({ form, change, problems }: Part) {
  const t = useT();
  const agencies = usePartnerAgencies();
  return (
    <>
      <label htmlFor="release-recipient">{t('rel.form.recipient')}</label>
      <select id="release-recipient" value={form.recipientAgencyId} onChange={(event) => change({ recipientAgencyId: event.target.value })} aria-invalid={problems.includes('recipientAgencyId')}>
        <option value="">{t('rel.form.chooseAgency')}</option>
        {agencies.map((agency) => (
          <option key={agency.id} value={agency.id}>
            {agency.name}
          </option>
        ))}
      </select>
    </>
  );
}

function Purpose({ form, change, problems }: Part) {
  const t = useT();
  return (
    <>
      <label htmlFor="release-purpose">{t('rel.form.purpose')}</label>
      <select id="release-purpose" value={form.purpose} onChange={(event) => change({ purpose: event.target.value as PurposeCode })} aria-invalid={problems.includes('purpose')}>
        <option value="">—</option>
        {PURPOSE_CODES.map((code) => (
          <option key={code} value={code}>
            {t(`rel.purpose.${code}`)}
          </option>
        ))}
      </select>
    </>
  );
}

function Dates({ form, change, problems }: Part) {
  const t = useT();
  return (
    <fieldset className="choices">
      <legend>{t('rel.form.dates')}</legend>
      {problems.includes('validUntil') && <p className="problem">{t('rel.problem.validUntil')}</p>}
      <div className="dates">
        <div>
          <label htmlFor="release-from">{t('rel.form.validFrom')}</label>
          <input id="release-from" type="date" value={form.validFrom} onChange={(event) => change({ validFrom: event.target.value })} aria-invalid={problems.includes('validFrom')} />
        </div>
        <div>
          <label htmlFor="release-until">{t('rel.form.validUntil')}</label>
          <input id="release-until" type="date" value={form.validUntil} onChange={(event) => change({ validUntil: event.target.value })} aria-invalid={problems.includes('validUntil')} />
        </div>
      </div>
    </fieldset>
  );
}

function Interpreter({ form, change, problems }: Part) {
  const t = useT();
  return (
    <fieldset className="choices">
      <legend>{t('rel.form.interpreter')}</legend>
      {problems.includes('interpreter') && <p className="problem">{t('rel.problem.interpreter')}</p>}
      <label className="choice">
        <input type="radio" name="interpreter" checked={form.interpreterUsed === false} onChange={() => change({ interpreterUsed: false })} />
        {t('rel.form.interpreterNo')}
      </label>
      <label className="choice">
        <input type="radio" name="interpreter" checked={form.interpreterUsed === true} onChange={() => change({ interpreterUsed: true })} />
        {t('rel.form.interpreterYes')}
      </label>
      {form.interpreterUsed && (
        <>
          <label className="choice">
            <input type="checkbox" checked={form.interpreterQualified} onChange={(event) => change({ interpreterQualified: event.target.checked })} />
            {t('rel.form.interpreterQualified')}
          </label>
          <label htmlFor="interpreter-affiliation">{t('rel.form.interpreterAffiliation')}</label>
          <select id="interpreter-affiliation" value={form.interpreterAffiliation} onChange={(event) => change({ interpreterAffiliation: event.target.value as InterpreterAffiliation })}>
            <option value="">—</option>
            {INTERPRETER_AFFILIATIONS.map((code) => (
              <option key={code} value={code}>
                {t(`rel.affiliation.${code}`)}
              </option>
            ))}
          </select>
          <label className="choice">
            <input type="checkbox" checked={form.interpreterNotFamily} onChange={(event) => change({ interpreterNotFamily: event.target.checked })} />
            {t('rel.form.interpreterNotFamily')}
          </label>
        </>
      )}
    </fieldset>
  );
}

function DenyList({ form, change, problems }: Part) {
  const t = useT();
  const agencies = usePartnerAgencies().filter((agency) => agency.id !== form.recipientAgencyId);
  return (
    <fieldset className="choices">
      <legend>{t('rel.form.deny')}</legend>
      {problems.includes('denyAgencyIds') && <p className="problem">{t('rel.problem.denyAgencyIds')}</p>}
      {agencies.map((agency) => (
        <label key={agency.id} className="choice">
          <input
            type="checkbox"
            checked={form.denyAgencyIds.includes(agency.id)}
            onChange={(event) => change({ denyAgencyIds: event.target.checked ? [...form.denyAgencyIds, agency.id] : form.denyAgencyIds.filter((id) => id !== agency.id) })}
          />
          {agency.name}
        </label>
      ))}
    </fieldset>
  );
}
