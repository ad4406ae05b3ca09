import { type MouseEvent, useEffect } from 'react';
import { useAgencyNames } from '../api/use-agencies';
import { useSession } from '../api/use-session';
import { ExitThisPage } from '../components/ExitThisPage';
import { LanguagePicker } from '../components/LanguagePicker';
import { Loading } from '../components/Loading';
import { LanguageProvider, useLanguage } from '../i18n/i18n';
import { lock } from '../safety/lock';
import { useExitShortcut, useIdleLock } from '../safety/use-safety';
import { LockScreen } from '../screens/LockScreen';
import { SignInScreen } from '../screens/SignInScreen';
import { useStore } from '../state/store';
import { enrolmentStore, type SessionState } from '../state/stores';
import { EnrolScreen } from '../screens/EnrolScreen';
import { AuditorNav, AuditorScreen } from './AuditorScreens';

function Header({ session }: { session: SessionState }) {
  const t = useLanguage().t;
  return (
    <header className="masthead">
      <ExitThisPage />
      <div className="bar">
        <span className="brand">{t('app.title')}</span>
        <LanguagePicker />
        {session.status === 'signed-in' && (
          <>
            <WhoAmI principal={session.principal} />
            <button type="button" onClick={() => lock('manual')}>
              {t('app.lock')}
            </button>
          </>
        )}
      </div>
      {session.status === 'signed-in' && <AuditorNav roles={session.principal.roles} />}
    </header>
  );
}

function Body({ session }: { session: SessionState }) {
  const enrolment = useStore(enrolmentStore);
  switch (session.status) {
    case 'checking':
      return <Loading />;
    case 'signed-out':
      return enrolment ? <EnrolScreen code={enrolment} /> : <SignInScreen />;
    case 'locked':
      return <LockScreen reason={session.reason} />;
    case 'signed-in':
      return <AuditorScreen roles={session.principal.roles} />;
  }
}

/** Focus the main region without putting #main in the URL or in history. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function WhoAmI({ principal }: { principal: Extract<SessionState, { status: 'signed-in' }>['principal'] }) {
  const t = useLanguage().t;
  const names = useAgencyNames();
  return <span className="whoami">{t('whoami.signedInAs', { name: principal.displayName, agency: names.get(principal.agencyId) ?? '…' })}</span>;
}

function Shell() {
  const session = useSession();
  const { language, t } = useLanguage();
  useExitShortcut();
  useIdleLock(session.status === 'signed-in');
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);
  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <Header session={session} />
      <main id="main" tabIndex={-1}>
        <Body session={session} />
      </main>
    </>
  );
}

export function App() {
  return (
    <LanguageProvider>
      <Shell />
    </LanguageProvider>
  );
}
