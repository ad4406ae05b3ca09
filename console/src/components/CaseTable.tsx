import { shortHandle } from '../api/case-timeline';
import { type CaseRow } from '../api/use-cases';
import { useT } from '../i18n/i18n';
import { ScrollTable } from './ScrollTable';
import { Time } from './Time';

/** This agency's cases: a short handle, when and how each came, and a button to its timeline. */
export function CaseTable({ rows, caption, onOpen }: { rows: CaseRow[]; caption: string; onOpen: (caseId: string) => void }) {
  const t = useT();
  return (
    <ScrollTable caption={caption} columns={[t('adv.cases.handle'), t('adv.cases.opened'), t('adv.cases.came'), t('adv.cases.actions')]}>
      {rows.map(({ handle, referredBy }) => (
        <tr key={handle.id}>
          <td>
            <code>{shortHandle(handle.id)}</code> {handle.highRisk && <strong className="badge-overdue">{t('adv.cases.highRisk')}</strong>}
          </td>
          <td>
            <Time iso={handle.createdAt} />
          </td>
          <td>{referredBy ? t('adv.cases.byReferral', { agency: referredBy }) : t('adv.cases.openedHere')}</td>
          <td>
            <button type="button" aria-label={t('adv.cases.openLabel', { handle: shortHandle(handle.id) })} onClick={() => onOpen(handle.id)}>
              {t('adv.cases.open')}
            </button>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
