import { type FormEvent, useState } from 'react';
import { useSignIn } from '../api/use-sign-in';
import { useT } from '../i18n/i18n';

export function SignInScreen() {
  const t = useT();
  const { step, problem, busy, submitPassword, submitCode } = useSignIn();
  const [username, setUsername] = useState('');
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
  const problemText = problem === 'unavailable' ? t('signIn.unavailable') : problem === 'failed' ? t('signIn.failed') : problem === 'code-failed' ? t('signIn.codeFailed') : null;

  return (
    <section aria-labelledby="sign-in-title" className="narrow">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
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
          <label htmlFor="code">{t('signIn.secondFactor')}</label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" required value={code} onChange={(event) => setCode(event.target.value)} />
          <button type="submit" disabled={busy}>
            {t('signIn.verify')}
          </button>
        </form>
      )}
    </section>
  );
}
