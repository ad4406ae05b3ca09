import { type FormEvent, useState } from 'react';
import { type EnrolProblem, MIN_SECRET_LENGTH, useEnrolment } from '../api/use-enrolment';
import { TotpCodeField } from '../components/TotpCodeField';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

const PROBLEMS: Record<Exclude<EnrolProblem, null>, MessageKey> = {
  'code-refused': 'enrol.codeRefused',
  'totp-refused': 'enrol.totpRefused',
  'server-key-changed': 'enrol.serverKeyChanged',
  error: 'signIn.error',
};

/** The secret in groups of four, easier to type into an authenticator app. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

function ChooseSecret({ busy, onChoose }: { busy: boolean; onChoose: (secret: string) => void }) {
  const t = useT();
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState<MessageKey | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = secret.length < MIN_SECRET_LENGTH ? 'enrol.tooShort' : secret !== again ? 'enrol.mismatch' : null;
    setMismatch(wrong);
    if (!wrong) onChoose(secret);
  };
  return (
    <form onSubmit={submit} noValidate>
      <label htmlFor="new-secret">{t('enrol.secret')}</label>
      <input id="new-secret" type="password" autoComplete="new-password" aria-describedby="new-secret-hint" value={secret} onChange={(event) => setSecret(event.target.value)} />
      <p id="new-secret-hint" className="hint">
        {t('enrol.secretHint', { min: MIN_SECRET_LENGTH })}
      </p>
      <label htmlFor="new-secret-again">{t('enrol.secretAgain')}</label>
      <input id="new-secret-again" type="password" autoComplete="new-password" value={again} onChange={(event) => setAgain(event.target.value)} />
      {mismatch && (
        <p role="alert" className="problem">
          {t(mismatch, { min: MIN_SECRET_LENGTH })}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}

function ConfirmAuthenticator({ secret, uri, busy, onConfirm }: { secret: string; uri: string; busy: boolean; onConfirm: (code: string) => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(code);
  };
  return (
    <form onSubmit={submit}>
      <p>{t('enrol.addToApp')}</p>
      <p>
        <code translate="no" className="wrap" data-testid="totp-secret">
          {grouped(secret)}
        </code>
      </p>
      <details>
        <summary>{t('enrol.uri')}</summary>
        <code translate="no" className="wrap">
          {uri}
        </code>
      </details>
      <TotpCodeField id="enrol-code" value={code} busy={busy} onChange={setCode} />
    </form>
  );
}

/** Opened from an enrolment link: choose a secret, add the authenticator, then sign in. */
export function EnrolScreen({ code }: { code: string }) {
  const t = useT();
  const { state, problem, busy, chooseSecret, confirmAuthenticator } = useEnrolment(code);
  return (
    <section aria-labelledby="enrol-title" className="narrow">
      <h1 id="enrol-title">{t('enrol.title')}</h1>
      {problem && (
        <p role="alert" className="problem">
          {t(PROBLEMS[problem])}
        </p>
      )}
      {state.step === 'secret' && (
        <>
          <p>{t('enrol.intro')}</p>
          <ChooseSecret busy={busy} onChoose={(secret) => void chooseSecret(secret)} />
        </>
      )}
      {state.step === 'authenticator' && <ConfirmAuthenticator secret={state.totpSecret} uri={state.totpUri} busy={busy} onConfirm={(totp) => void confirmAuthenticator(totp)} />}
    </section>
  );
}
