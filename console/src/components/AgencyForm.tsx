import { type FormEvent, useState } from 'react';
import { AGENCY_KINDS, CONFIDENTIALITY_REGIMES } from '../../../src/sdk/browser-plain';
import { type AgencyForm as Form, usualRegime } from '../api/onboard-rules';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

/** A new agency's name, kind and the confidentiality law that binds it (the kind suggests one; the administrator decides). */
export function AgencyForm({ busy, onSubmit }: { busy: boolean; onSubmit: (form: Form) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [regime, setRegime] = useState('');
  const [regimeChosen, setRegimeChosen] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ name: name.trim(), kind, regime });
  };
  const chooseKind = (next: string) => {
    setKind(next);
    if (!regimeChosen) setRegime(usualRegime(next));
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="agency-form-title">
      <h2 id="agency-form-title">{t('onboard.agency.title')}</h2>
      <p className="hint">{t('onboard.agency.intro')}</p>
      <label htmlFor="agency-name">{t('onboard.agency.name')}</label>
      <input id="agency-name" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
      <label htmlFor="agency-kind">{t('onboard.agency.kind')}</label>
      <select id="agency-kind" value={kind} onChange={(event) => chooseKind(event.target.value)}>
        <option value="">{t('onboard.agency.choose')}</option>
        {AGENCY_KINDS.map((each) => (
          <option key={each} value={each}>
            {t(`kind.${each}` as MessageKey)}
          </option>
        ))}
      </select>
      <label htmlFor="agency-regime">{t('onboard.agency.regime')}</label>
      <select
        id="agency-regime"
        aria-describedby="agency-regime-hint"
        value={regime}
        onChange={(event) => {
          setRegime(event.target.value);
          setRegimeChosen(true);
        }}
      >
        <option value="">{t('onboard.agency.choose')}</option>
        {CONFIDENTIALITY_REGIMES.map((each) => (
          <option key={each} value={each}>
            {t(`onboard.regime.${each}` as MessageKey)}
          </option>
        ))}
      </select>
      <p id="agency-regime-hint" className="hint">
        {t('onboard.agency.regimeHint')}
      </p>
      <button type="submit" disabled={busy}>
        {t('onboard.agency.create')}
      </button>
    </form>
  );
}
