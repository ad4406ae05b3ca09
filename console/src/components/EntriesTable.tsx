import { type AuditEntry } from '../api/use-audit';
import { useT } from '../i18n/i18n';
import { ShortId } from './ShortHash';
import { Time } from './Time';

/** Log entries with agency names in place of ids where the CCR directory knows them. */
export function EntriesTable({ entries, names, caption }: { entries: AuditEntry[]; names: ReadonlyMap<string, string>; caption: string }) {
  const t = useT();
  const agency = (id: string | undefined) => (id === undefined ? '' : (names.get(id) ?? id));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.index')}</th>
            <th scope="col">{t('table.time')}</th>
            <th scope="col">{t('table.kind')}</th>
            <th scope="col">{t('table.agency')}</th>
            <th scope="col">{t('table.recipient')}</th>
            <th scope="col">{t('table.case')}</th>
            <th scope="col">{t('table.outcome')}</th>
            <th scope="col">{t('table.reason')}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
