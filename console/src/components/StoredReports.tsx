import { type MonitoringReportSummary } from '../../../src/sdk/browser';
import { useLanguage } from '../i18n/i18n';
import { type MessageKey } from '../i18n/en';
import { ScrollTable } from './ScrollTable';

/** The reports the agency made before: each one's header, and a button that opens it (GET /monitoring/reports/{id}). */
export function StoredReports({ reports, shownId, busy, onOpen }: { reports: readonly MonitoringReportSummary[]; shownId: string | null; busy: boolean; onOpen: (reportId: string) => void }) {
  const { t, language } = useLanguage();
  const when = (iso: string) => new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
  const day = (iso: string) => new Date(iso).toLocaleDateString(language, { dateStyle: 'medium', timeZone: 'UTC' });
  if (reports.length === 0) return <p>{t('mon.stored.none')}</p>;
  const columns = [t('mon.stored.made'), t('mon.stored.by'), t('mon.stored.period'), t('mon.stored.grain'), t('mon.stored.k'), t('mon.stored.checkpoint'), t('mon.stored.version'), t('mon.stored.open')];
  return (
    <ScrollTable caption={t('mon.stored.caption')} columns={columns}>
      {reports.map((report) => (
        <tr key={report.id}>
          <th scope="row">{when(report.createdAt)}</th>
          <td>{report.createdByName ?? t('mon.stored.unknownPerson')}</td>
          <td>
            {day(report.parameters.from)} – {day(new Date(Date.parse(report.parameters.to) - 1).toISOString())}
          </td>
          <td>{t(`monitoring.bucket.${report.parameters.bucket}` as MessageKey)}</td>
          <td>{report.parameters.k}</td>
          <td>{report.treeSize}</td>
          <td>{report.definitions}</td>
          <td>
            {report.id === shownId ? (
              <span className="hint">{t('mon.stored.showing')}</span>
            ) : (
              <button type="button" disabled={busy} aria-label={t('mon.stored.openLabel', { time: when(report.createdAt) })} onClick={() => onOpen(report.id)}>
                {t('mon.stored.open')}
              </button>
            )}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
