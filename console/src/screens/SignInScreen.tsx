import { type FormEvent, useState } from 'react';
import { useSignIn } from '../api/use-sign-in';
import { PasskeySignIn } from '../components/PasskeySignIn';
import { TotpCodeField } from '../components/TotpCodeField';
import { useT } from '../i18n/i18n';
import { useStore } from '../state/store';
import { enrolledStore } from '../state/stores';

export function SignInScreen() {
  const t = useT();
  const { step, problem, busy, submitPassword, submitCode } = useSignIn();
  const enrolled = useStore(enrolledStore);
  const [username, setUsername] = useState(enrolled ?? '');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');

  const onPassword = (event: FormEvent) => {
    event.preventDefault();
    void submitPassword(username, password).then(() => setPassword(''));
  };
  const onCode = (event: FormEvent) => {
    event.preventDefault();
    void submitCode(code).then(() => setCode(''));
  };
  const problemText = problem === 'error' ? t('signIn.error') : problem === 'failed' ? t('signIn.failed') : problem === 'code-failed' ? t('signIn.codeFailed') : null;

  return (
    <section aria-labelledby="sign-in-title" className="narrow">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {enrolled && <p role="status">{t('enrol.done', { username: enrolled })}</p>}
      <p>{t('signIn.sharedDevice')}</p>
      {problemText && (
        <p role="alert" className="problem">
          {problemText}
        </p>
      )}
      {step === 'password' ? (
        <form onSubmit={onPassword}>
          <label htmlFor="username">{t('signIn.username')}</label>
          <input id="username" name="username" autoComplete="username" spellCheck={false} required value={username} onChange={(event) => setUsername(event.target.value)} />
          <label htmlFor="password">{t('signIn.password')}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
          <button type="submit" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
      ) : (
        <form onSubmit={onCode}>
          <TotpCodeField id="code" value={code} busy={busy} onChange={setCode} />
        </form>
      )}
      <PasskeySignIn asSecondFactor={step === 'second-factor'} />
    </section>
  );
}
