import { shortHandle } from '../api/case-timeline';
import { type CaseRow } from '../api/use-cases';
import { useT } from '../i18n/i18n';
import { Time } from './Time';

/** This agency's cases: a short handle, when and how each came, and a button to its timeline. */
export function CaseTable({ rows, caption, onOpen }: { rows: CaseRow[]; caption: string; onOpen: (caseId: string) => void }) {
  const t = useT();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('adv.cases.handle')}</th>
            <th scope="col">{t('adv.cases.opened')}</th>
            <th scope="col">{t('adv.cases.came')}</th>
            <th scope="col">{t('adv.cases.actions')}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
