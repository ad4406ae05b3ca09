import { type FormEvent, useState } from 'react';
import { MIN_SECRET_LENGTH } from '../api/coord-rules';
import { useChangeSecret } from '../api/use-change-secret';
import { TotpCodeField } from '../components/TotpCodeField';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

/** Changing one's own secret: the person's keys re-sealed in this browser under the new one and sent with it. */
export function ChangeSecretScreen() {
  const t = useT();
  const { outcome, busy, change, edited } = useChangeSecret();
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change({ next, again, code });
  };
  return (
    <section aria-labelledby="secret-title" className="narrow">
      <h1 id="secret-title">{t('secret.title')}</h1>
      <p>{t('secret.intro')}</p>
      {outcome === 'changed' ? (
        <p role="status" className="success">
          {t('secret.changed')}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <label htmlFor="secret-new">{t('secret.new')}</label>
          <input id="secret-new" type="password" autoComplete="new-password" aria-describedby="secret-new-hint" value={next} onChange={(event) => {
              setNext(event.target.value);
              edited();
            }} />
          <p id="secret-new-hint" className="hint">
            {t('enrol.secretHint', { min: MIN_SECRET_LENGTH })}
          </p>
          <label htmlFor="secret-again">{t('secret.again')}</label>
          <input id="secret-again" type="password" autoComplete="new-password" value={again} onChange={(event) => {
              setAgain(event.target.value);
              edited();
            }} />
          {outcome && (
            <p role="alert" className="problem">
              {t(`secret.problem.${outcome}` as MessageKey, { min: MIN_SECRET_LENGTH })}
            </p>
          )}
          <TotpCodeField id="secret-code" value={code} busy={busy} onChange={setCode} />
        </form>
      )}
    </section>
  );
}
