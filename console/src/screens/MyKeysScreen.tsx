import { useMyKeys } from '../api/use-my-keys';
import { Fingerprint } from '../components/Fingerprint';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

/** What the person is to their agency's keys: a member, its first member just now, the one to make them, or waiting to be added. */
function statusKey(offer: ReturnType<typeof useMyKeys>['offer'], founded: boolean): MessageKey {
  if (founded) return 'onboard.firstKeys.made';
  if (offer === 'member') return 'mykeys.member';
  if (offer === 'make-first' || offer === 'unlock-first') return 'onboard.firstKeys.none';
  return 'mykeys.notMember';
}

/** The person's own keys: made here after enrolment; their fingerprint, read to the member who adds them; an agency's first keys, by its first person. */
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
          <p role="status">{t(statusKey(keys.offer, keys.agencyFingerprint !== null))}</p>
          {keys.offer === 'make-first' && (
            <div className="card">
              <h2>{t('onboard.firstKeys.title')}</h2>
              <p>{t('onboard.firstKeys.explain')}</p>
              <button type="button" disabled={keys.busy} onClick={keys.makeAgencyKeys}>
                {t('onboard.firstKeys.make')}
              </button>
            </div>
          )}
          {keys.agencyFingerprint && (
            <div className="card">
              <h2>{t('onboard.firstKeys.fingerprint')}</h2>
              <Fingerprint value={keys.agencyFingerprint} label={t('onboard.firstKeys.fingerprint')} />
              <p className="hint">{t('onboard.firstKeys.readToPartners')}</p>
            </div>
          )}
          {keys.fingerprint ? (
            <div className="card">
              <h2>{t('mykeys.fingerprint')}</h2>
              <Fingerprint value={keys.fingerprint} label={t('mykeys.fingerprint')} />
              <p className="hint">{t(keys.offer === 'member' ? 'onboard.firstKeys.ownFingerprint' : 'mykeys.readToMember')}</p>
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
