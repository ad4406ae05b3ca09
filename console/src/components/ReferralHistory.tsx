import { type ReferralStatusChange } from '../../../src/sdk/browser';
import { useT } from '../i18n/i18n';
import { Time } from './Time';

/** Every status the referral went through, oldest first, and which side moved it. */
export function ReferralHistory({ history }: { history: ReferralStatusChange[] }) {
  const t = useT();
  return (
    <section aria-labelledby="referral-history">
      <h2 id="referral-history">{t('referral.history')}</h2>
      <ol>
        {history.map((change) => (
          <li key={change.version}>
            <Time iso={change.changedAt} />: {t(`status.${change.toStatus}`)} ({t(`side.${change.side}`)})
          </li>
        ))}
      </ol>
    </section>
  );
}
