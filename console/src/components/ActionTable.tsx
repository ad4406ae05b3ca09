import { type ActionRow } from '../api/team-rules';
import { useActionText } from '../api/use-team';
import { useLanguage } from '../i18n/i18n';
import { Time } from './Time';

/** One action: owner, due date, status, "Overdue" as text, and its sealed "what" opened on request in the key worker. */
function ActionLine({ row, owner, canOpen }: { row: ActionRow; owner: string; canOpen: boolean }) {
  const { t, language } = useLanguage();
  const text = useActionText(row.action);
  return (
    <tr>
      <td>{owner}</td>
      <td>
        <Time iso={row.action.dueAt} /> {row.overdue && <strong className="badge-overdue">{t('actions.overdue')}</strong>}
      </td>
      <td>{t(`actions.status.${row.action.status}`)}</td>
      <td>
        {text.state.status === 'open' ? (
          <span className="sealed-text">{text.state.text}</span>
        ) : (
          <>
            <button type="button" disabled={!canOpen || text.state.status === 'busy'} aria-label={t('actions.openLabel', { agency: owner, time: new Date(row.action.dueAt).toLocaleString(language) })} onClick={text.open}>
              {t(text.state.status === 'busy' ? 'actions.opening' : 'actions.open')}
            </button>
            {text.state.status === 'failed' && (
              <span role="alert" className="problem">
                {' '}
                {t('actions.openFailed')}
              </span>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

export function ActionTable({ rows, caption, name, canOpen }: { rows: ActionRow[]; caption: string; name: (id: string) => string; canOpen: boolean }) {
  const { t } = useLanguage();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('actions.owner')}</th>
            <th scope="col">{t('actions.due')}</th>
            <th scope="col">{t('actions.status')}</th>
            <th scope="col">{t('actions.what')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ActionLine key={row.action.id} row={row} owner={name(row.action.ownerAgencyId)} canOpen={canOpen} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
