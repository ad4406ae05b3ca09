import { type AuditEntry } from '../api/use-audit';
import { useT } from '../i18n/i18n';
import { ShortId } from './ShortHash';
import { ScrollTable } from './ScrollTable';
import { Time } from './Time';

/** Log entries with agency names in place of ids where the CCR directory knows them. */
export function EntriesTable({ entries, names, caption }: { entries: AuditEntry[]; names: ReadonlyMap<string, string>; caption: string }) {
  const t = useT();
  const agency = (id: string | undefined) => (id === undefined ? '' : (names.get(id) ?? id));
  return (
    <ScrollTable caption={caption} columns={[t('table.index'), t('table.time'), t('table.kind'), t('table.agency'), t('table.recipient'), t('table.case'), t('table.outcome'), t('table.reason')]}>
      {entries.map(({ index, entry }) => (
        <tr key={index}>
          <td>{index}</td>
          <td>{entry && <Time iso={entry.time} />}</td>
          <td>{entry?.kind}</td>
          <td>{agency(entry?.actor?.agency ?? entry?.discloser)}</td>
          <td>{agency(entry?.recipient)}</td>
          <td>{entry?.case && <ShortId value={entry.case} />}</td>
          <td>{entry?.outcome === 'denied' ? t('search.denied') : entry?.outcome === 'permitted' ? t('search.permitted') : ''}</td>
          <td>{entry?.reason}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}
