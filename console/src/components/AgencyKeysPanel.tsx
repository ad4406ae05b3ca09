import { useAgencyKeys } from '../api/use-referrals';
import { useT } from '../i18n/i18n';

/** Whether the agency's keys are open on this page; if not, the one button that opens them (after a password sign-in). */
export function AgencyKeysPanel() {
  const t = useT();
  const keys = useAgencyKeys();
  if (keys.unlocked) return <p className="success">{t('referrals.keysOpen')}</p>;
  return (
    <div className="card">
      <p>{t('referrals.keysClosed')}</p>
      <button type="button" disabled={keys.busy} onClick={() => void keys.unlock()}>
        {t(keys.busy ? 'referrals.unlocking' : 'referrals.unlock')}
      </button>
      {keys.failed && (
        <p role="alert" className="problem">
          {t('referrals.unlockFailed')}
        </p>
      )}
    </div>
  );
}
