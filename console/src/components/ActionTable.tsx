import { type ActionRow } from '../api/team-rules';
import { useActionText } from '../api/use-team';
import { useLanguage } from '../i18n/i18n';
import { ActionStatusForm } from './ActionStatusForm';
import { SealedTextCell } from './SealedTextCell';
import { ScrollTable } from './ScrollTable';
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
      <SealedTextCell text={text} canOpen={canOpen} label={t('actions.openLabel', { agency: owner, time: new Date(row.action.dueAt).toLocaleString(language) })} />
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
  const columns = [t('actions.owner'), t('actions.due'), t('actions.status'), t('actions.what'), ...(changes ? [t('actions.change')] : [])];
  return (
    <ScrollTable caption={caption} columns={columns}>
      {rows.map((row) => (
        <ActionLine key={row.action.id} row={row} owner={name(row.action.ownerAgencyId)} canOpen={canOpen} changes={changes} />
      ))}
    </ScrollTable>
  );
}
