import { useState } from 'react';
import { type MonitoringFigures } from '../../../src/sdk/browser';
import { bucketsOf, type Cell, crackBars, type HandoffCrack, handoffCracks, latestBucket, type ReferralCrack, referralCracks } from '../api/monitoring-rules';
import { useMonitoringReport } from '../api/use-monitoring';
import { BarChart } from '../components/BarChart';
import { CountText } from '../components/HiddenCount';
import { ScrollTable } from '../components/ScrollTable';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';
import { groupText } from './MonitoringScreen';

function CountTable<Row>({ caption, rowsLabel, rows, head, columns, k }: { caption: string; rowsLabel: string; rows: Row[]; head: (row: Row) => string; columns: { label: string; value: (row: Row) => Cell }[]; k: number }) {
  const t = useT();
  const label = t('monitoring.tableOf', { caption });
  return (
    <ScrollTable caption={label} columns={[rowsLabel, ...columns.map((column) => column.label)]}>
      {rows.map((row, index) => (
        <tr key={index}>
          <th scope="row">{head(row)}</th>
          {columns.map((column) => (
            <td key={column.label}>
              <CountText value={column.value(row)} k={k} />
            </td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  );
}

function ReferralCracks({ figures, bucket }: { figures: MonitoringFigures; bucket: string }) {
  const t = useT();
  const { groupAgency } = useMonitoringReport();
  const k = figures.parameters.k;
  const rows = referralCracks(figures, bucket);
  const head = (row: ReferralCrack) => groupText(t, `${row.fromGroup}>${row.toGroup}`, groupAgency);
  const caption = t('cracks.referrals', { bucket });
  const lost: { label: string; value: (row: ReferralCrack) => Cell }[] = [
    { label: t('cracks.expired'), value: (row) => row.expired },
    { label: t('cracks.revoked'), value: (row) => row.revoked },
    { label: t('cracks.releaseExpired'), value: (row) => row.releaseExpired },
    { label: t('cracks.openPastDeadline'), value: (row) => row.openPastDeadline },
  ];
  return (
    <section aria-labelledby="cracks-referrals">
      <h2 id="cracks-referrals">{caption}</h2>
      {rows.length === 0 ? (
        <p>{t('cracks.noData')}</p>
      ) : (
        <>
          <BarChart caption={t('cracks.referralsChart', { bucket })} data={crackBars(rows, head, lost)} k={k} />
          <CountTable
            caption={caption}
            rowsLabel={t('cracks.kindPair')}
            rows={rows}
            head={head}
            k={k}
            columns={[
              { label: t('cracks.sent'), value: (row) => row.sent },
              { label: t('cracks.accepted'), value: (row) => row.accepted },
              ...lost,
            ]}
          />
        </>
      )}
    </section>
  );
}

function HandoffCracks({ figures, bucket }: { figures: MonitoringFigures; bucket: string }) {
  const t = useT();
  const { agencyName } = useMonitoringReport();
  const k = figures.parameters.k;
  const rows = handoffCracks(figures, bucket);
  const head = (row: HandoffCrack) => `${agencyName(row.fromAgencyId)} → ${agencyName(row.toAgencyId)}: ${t(`agreementStep.${row.step}` as MessageKey)}`;
  const caption = t('cracks.handoffs', { bucket });
  const fell: { label: string; value: (row: HandoffCrack) => Cell }[] = [
    { label: t('cracks.missed'), value: (row) => row.missed },
    { label: t('cracks.late'), value: (row) => row.late },
    { label: t('cracks.endedBeforeDue'), value: (row) => row.endedBeforeDue },
  ];
  return (
    <section aria-labelledby="cracks-handoffs">
      <h2 id="cracks-handoffs">{caption}</h2>
      {rows.length === 0 ? (
        <p>{t('cracks.noData')}</p>
      ) : (
        <>
          <BarChart caption={t('cracks.handoffsChart', { bucket })} data={crackBars(rows, head, fell)} k={k} />
          <CountTable
            caption={caption}
            rowsLabel={t('cracks.pairStep')}
            rows={rows}
            head={head}
            k={k}
            columns={[
              ...fell,
              { label: t('cracks.inTime'), value: (row) => row.inTime },
              { label: t('cracks.pending'), value: (row) => row.pending },
            ]}
          />
        </>
      )}
    </section>
  );
}

/** Where survivors fall through the cracks (issue 23): per agency pair and step, worst first, from the report made on Monitoring. */
export function CracksScreen() {
  const t = useT();
  const { figures } = useMonitoringReport();
  const [chosen, setChosen] = useState<string | null>(null);
  if (!figures) {
    return (
      <>
        <h1>{t('cracks.title')}</h1>
        <p>{t('cracks.noReport')}</p>
      </>
    );
  }
  const buckets = bucketsOf(figures);
  const bucket = chosen ?? latestBucket(figures) ?? '';
  return (
    <>
      <h1>{t('cracks.title')}</h1>
      <p>{t('cracks.intro')}</p>
      <label>
        {t('cracks.bucket')}{' '}
        <select value={bucket} onChange={(event) => setChosen(event.target.value)}>
          {buckets.map((each) => (
            <option key={each} value={each}>
              {each}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{t('monitoring.hiddenLegend', { k: figures.parameters.k })}</p>
      <ReferralCracks figures={figures} bucket={bucket} />
      <HandoffCracks figures={figures} bucket={bucket} />
    </>
  );
}
