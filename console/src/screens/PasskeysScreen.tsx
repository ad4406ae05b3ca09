import { usePasskeys } from '../api/use-passkeys';
import { Loading } from '../components/Loading';
import { PasskeyList } from '../components/PasskeyList';
import { Problem } from '../components/Problem';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

const NOTICES: Record<NonNullable<ReturnType<typeof usePasskeys>['notice']>, MessageKey> = {
  'added-unlocks': 'passkeys.addedUnlocks',
  added: 'passkeys.addedNoUnlock',
  removed: 'passkeys.removed',
  unlocked: 'passkeys.unlockedNow',
  failed: 'passkeys.failed',
};

/** Your passkeys (decisions 0111-0113): add one, see which unlock your keys, remove one. */
export function PasskeysScreen() {
  const t = useT();
  const { supported, list, unlocked, notice, busy, add, remove, unlock } = usePasskeys();
  return (
    <section aria-labelledby="passkeys-title">
      <h1 id="passkeys-title">{t('passkeys.title')}</h1>
      <p>{t('passkeys.intro')}</p>
      <p role="status">{unlocked ? t('passkeys.keysOpen', { fingerprint: unlocked }) : t('passkeys.keysClosed')}</p>
      {notice && <p role={notice === 'failed' ? 'alert' : 'status'}>{t(NOTICES[notice])}</p>}
      {!unlocked && (
        <button type="button" disabled={busy} onClick={() => void unlock()}>
          {t('passkeys.unlockWithPassword')}
        </button>
      )}
      {supported ? (
        <button type="button" disabled={busy} onClick={() => void add()}>
          {t('passkeys.add')}
        </button>
      ) : (
        <p>{t('passkeys.unsupported')}</p>
      )}
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Problem message={list.message} />}
      {list.status === 'ready' && <PasskeyList passkeys={list.value} busy={busy} onRemove={(passkey) => void remove(passkey)} />}
    </section>
  );
}
