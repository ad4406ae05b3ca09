import { useMyKeys } from '../api/use-my-keys';
import { Fingerprint } from '../components/Fingerprint';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { useT } from '../i18n/i18n';

/** The person's own keys: made here after enrolment; their fingerprint, read to the member who adds them. */
export function MyKeysScreen() {
  const t = useT();
  const keys = useMyKeys();
  return (
    <section aria-labelledby="mykeys-title">
      <h1 id="mykeys-title">{t('mykeys.title')}</h1>
      <p>{t('mykeys.intro')}</p>
      {keys.registered.status === 'loading' && <Loading />}
      {keys.registered.status === 'failed' && <Problem message={keys.registered.message} />}
      {keys.registered.status === 'ready' && !keys.hasKeys && (
        <div className="card">
          <p>{t('mykeys.none')}</p>
          <button type="button" disabled={keys.busy} onClick={keys.make}>
            {t('mykeys.make')}
          </button>
        </div>
      )}
      {keys.hasKeys && (
        <>
          <p role="status">{t(keys.isMember ? 'mykeys.member' : 'mykeys.notMember')}</p>
          {keys.fingerprint ? (
            <div className="card">
              <h2>{t('mykeys.fingerprint')}</h2>
              <Fingerprint value={keys.fingerprint} label={t('mykeys.fingerprint')} />
              <p className="hint">{t('mykeys.readToMember')}</p>
            </div>
          ) : (
            <div className="card">
              <p>{t('mykeys.locked')}</p>
              <button type="button" disabled={keys.busy} onClick={keys.unlock}>
                {t('mykeys.unlock')}
              </button>
            </div>
          )}
        </>
      )}
      {keys.failed && (
        <p role="alert" className="problem">
          {t('mykeys.failed')}
        </p>
      )}
    </section>
  );
}
