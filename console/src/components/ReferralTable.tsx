import { type ReferralRow } from '../api/use-referrals';
import { useLanguage } from '../i18n/i18n';
import { OverdueBadge } from './OverdueBadge';
import { ScrollTable } from './ScrollTable';
import { Time } from './Time';

/** The inbox or outbox: one row per referral, the other agency by name, and an Open button (a real button: Tab and Enter). */
export function ReferralTable({ rows, box, caption, canOpen, onOpen }: { rows: ReferralRow[]; box: 'in' | 'out'; caption: string; canOpen: boolean; onOpen: (id: string) => void }) {
  const { t, language } = useLanguage();
  return (
    <ScrollTable caption={caption} columns={[t(box === 'in' ? 'referrals.from' : 'referrals.to'), t('referrals.purpose'), t('referrals.priority'), t('referrals.status'), t('referrals.dueBy'), t('referrals.sent'), t('referrals.actions')]}>
      {rows.map(({ referral, otherAgency, dueBy, overdue }) => (
        <tr key={referral.id}>
          <td>{otherAgency}</td>
          <td>{t(`purpose.${referral.purpose}`)}</td>
          <td>{t(`priority.${referral.priority}`)}</td>
          <td>{t(`status.${referral.status}`)}</td>
          <td>
            {dueBy ? <Time iso={dueBy} /> : t('referrals.noDeadline')} {overdue && <OverdueBadge />}
          </td>
          <td>
            <Time iso={referral.createdAt} />
          </td>
          <td>
            <button type="button" disabled={!canOpen} aria-label={t('referrals.openLabel', { agency: otherAgency, time: new Date(referral.createdAt).toLocaleString(language) })} onClick={() => onOpen(referral.id)}>
              {t('referrals.open')}
            </button>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
