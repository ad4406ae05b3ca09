import { type ActionRow } from '../api/team-rules';
import { useActionText } from '../api/use-team';
import { useLanguage } from '../i18n/i18n';
import { ActionStatusForm } from './ActionStatusForm';
import { Time } from './Time';

/** On "Our actions": the owner may change each action's status. */
export interface StatusChanges {
  agencyId: string;
  onChanged: () => void;
}

/** One action: owner, due date, status, "Overdue" as text, and its sealed "what" opened on request in the key worker. */
function ActionLine({ row, owner, canOpen, changes }: { row: ActionRow; owner: string; canOpen: boolean; changes?: StatusChanges }) {
  const { t, language } = useLanguage();
  const text = useActionText(row.action);
  return (
    <tr>
      <td>{owner}</td>
      <td>
        <Time iso={row.action.dueAt} /> {row.overdue && <strong className="badge-overdue">{t('actions.overdue')}</strong>}
      </td>
      <td>{row.action.status === 'not_done' && row.action.notDoneReason ? t('actions.notDoneBecause', { reason: t(`actions.reason.${row.action.notDoneReason}`) }) : t(`actions.status.${row.action.status}`)}</td>
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
      {changes && (
        <td>
          <ActionStatusForm action={row.action} agencyId={changes.agencyId} onChanged={changes.onChanged} />
        </td>
      )}
    </tr>
  );
}

export function ActionTable({ rows, caption, name, canOpen, changes }: { rows: ActionRow[]; caption: string; name: (id: string) => string; canOpen: boolean; changes?: StatusChanges }) {
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
            {changes && <th scope="col">{t('actions.change')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ActionLine key={row.action.id} row={row} owner={name(row.action.ownerAgencyId)} canOpen={canOpen} changes={changes} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
