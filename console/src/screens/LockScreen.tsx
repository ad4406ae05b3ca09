import { useT } from '../i18n/i18n';
import { IDLE_LOCK_MINUTES } from '../safety/use-safety';
import { sessionStore } from '../state/stores';

export function LockScreen({ reason }: { reason: 'idle' | 'manual' }) {
  const t = useT();
  return (
    <section aria-labelledby="lock-title" className="narrow">
      <h1 id="lock-title">{t('lock.title')}</h1>
      <p>{t('lock.body')}</p>
      {reason === 'idle' && <p>{t('lock.idle', { minutes: IDLE_LOCK_MINUTES })}</p>}
      <button type="button" onClick={() => sessionStore.set({ status: 'checking' })}>
        {t('lock.signInAgain')}
      </button>
    </section>
  );
}
