import { type Member } from '../api/coord-rules';
import { useT } from '../i18n/i18n';
import { Fingerprint } from './Fingerprint';
import { ScrollTable } from './ScrollTable';

/** The agency's members (with a wrap) or the people waiting to be added (keys, no wrap), with one action each. */
export function MembersTable({ caption, people, selfId, busy, action }: { caption: string; people: readonly Member[]; selfId: string; busy: boolean; action: { label: (name: string) => string; run: (person: Member) => void; danger?: boolean } }) {
  const t = useT();
  return (
    <ScrollTable caption={caption} columns={[t('members.name'), t('members.fingerprint'), t('members.epoch'), t('members.actions')]}>
      {people.map((person) => (
        <tr key={person.personId}>
          <td>
            {person.displayName} <span translate="no">({person.username})</span> {person.personId === selfId && t('members.you')}
          </td>
          <td>
            <Fingerprint value={person.fingerprint} label={t('members.fingerprint')} />
          </td>
          <td>{person.latestWrap ? String(person.latestWrap.epoch) : '—'}</td>
          <td>
            {person.personId !== selfId && (
              <button type="button" className={action.danger ? 'danger' : undefined} disabled={busy} onClick={() => action.run(person)}>
                {action.label(person.displayName)}
              </button>
            )}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
