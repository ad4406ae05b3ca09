import { type FormEvent, useState } from 'react';
import { type MonitoringFigures, type MonitoringTimeTable } from '../../../src/sdk/browser';
import { bucketsOf, defaultPeriod, groupParts, isAgencyKind, latestBucket, totalTrend, trendChartKind, trendSummary } from '../api/monitoring-rules';
import { saveFiguresCsv } from '../api/monitoring-export';
import { useMonitoringReport, useStoredReports } from '../api/use-monitoring';
import { BarChart } from '../components/BarChart';
import { LineChart } from '../components/LineChart';
import { ScrollTable } from '../components/ScrollTable';
import { StoredReports } from '../components/StoredReports';
import { CountText } from '../components/HiddenCount';
import { Problem } from '../components/Problem';
import { type MessageKey } from '../i18n/en';
import { type Translate, useLanguage, useT } from '../i18n/i18n';

/** The catalogue's count figures, in docs/monitoring.md's order. */
const FIGURES = ['referrals', 'handoffs', 'releases', 'refusals', 'mandates', 'high_risk', 'team_referrals', 'team_repeats', 'team_actions'] as const;

/** A group label: a kind pair `law_enforcement>advocacy` or `agency:<id>` parts, as words. */
export function groupText(t: Translate, group: string, groupAgency: (group: string) => string | null): string {
  return groupParts(group)
    .map((part) => groupAgency(part) ?? (isAgencyKind(part) ? t(`kind.${part}`) : part))
    .join(' → ');
}

function ReportForm({ busy, onMake }: { busy: boolean; onMake: (request: { from: string; to: string; bucket: 'month' | 'quarter'; k: number }) => void }) {
  const t = useT();
  const period = defaultPeriod();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [bucket, setBucket] = useState<'month' | 'quarter'>('quarter');
  const [k, setK] = useState(11);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onMake({ from, to, bucket, k });
  };
  return (
    <form className="filters" onSubmit={submit}>
      <label>
        {t('monitoring.from')}
        <input type="date" value={from} required onChange={(event) => setFrom(event.target.value)} />
      </label>
      <label>
        {t('monitoring.to')}
        <input type="date" value={to} required onChange={(event) => setTo(event.target.value)} />
      </label>
      <label>
        {t('monitoring.bucket')}
        <select value={bucket} onChange={(event) => setBucket(event.target.value as 'month' | 'quarter')}>
          <option value="quarter">{t('monitoring.bucket.quarter')}</option>
          <option value="month">{t('monitoring.bucket.month')}</option>
        </select>
      </label>
      <label>
        {t('monitoring.k')}
        <input type="number" min={5} step={1} value={k} required aria-describedby="monitoring-k-hint" onChange={(event) => setK(Number(event.target.value))} />
      </label>
      <p id="monitoring-k-hint" className="hint">
        {t('monitoring.kHint')}
      </p>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t(busy ? 'monitoring.making' : 'monitoring.make')}
        </button>
      </div>
    </form>
  );
}

function TrendTable({ caption, points, k }: { caption: string; points: ReturnType<typeof totalTrend>; k: number }) {
  const t = useT();
  const label = t('monitoring.tableOf', { caption });
  return (
    <ScrollTable caption={label} columns={[t('monitoring.period'), t('monitoring.count')]}>
      {points.map((point) => (
        <tr key={point.bucket}>
          <th scope="row">{point.bucket}</th>
          <td>
            <CountText value={point.value} k={k} />
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

function minutesText(t: Translate, minutes: number): string {
  return t('monitoring.duration', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

function TimesTable({ table, k, groupAgency }: { table: MonitoringTimeTable; k: number; groupAgency: (group: string) => string | null }) {
  const t = useT();
  const caption = t('monitoring.times', { bucket: table.bucket });
  return (
    <ScrollTable caption={caption} columns={[t('monitoring.pair'), ...table.columns.map((column) => t(`monitoring.refStep.${column}` as MessageKey))]}>
      {table.rows.map((row, index) => (
        <tr key={row}>
          <th scope="row">{groupText(t, row, groupAgency)}</th>
          {table.cells[index].map((cell, column) => (
            <td key={column}>
              {cell === null ? (
                <CountText value={null} k={k} />
              ) : (
                `${t('monitoring.median')} ${minutesText(t, cell.median)} · ${t('monitoring.p90')} ${minutesText(t, cell.p90)} · ${t('monitoring.n')} ${cell.n}`
              )}
            </td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  );
}

/** Bars for a few periods; for a long trend a line with its plain-language summary (decision 0164). */
function TrendChart({ caption, points, k }: { caption: string; points: ReturnType<typeof totalTrend>; k: number }) {
  const t = useT();
  const data = points.map((point) => ({ label: point.bucket, value: point.value }));
  if (trendChartKind(points.length) === 'bars') return <BarChart caption={caption} data={data} k={k} />;
  const summary = trendSummary(points);
  return (
    <>
      <LineChart caption={caption} data={data} k={k} />
      {summary && (
        <p className="hint">
          {t('mon.summary', {
            from: points[0].bucket,
            to: points[points.length - 1].bucket,
            first: summary.first.value,
            firstAt: summary.first.bucket,
            last: summary.last.value,
            lastAt: summary.last.bucket,
            high: summary.highest.value,
            highAt: summary.highest.bucket,
          })}
          {summary.hidden > 0 && <> {t('mon.summaryHidden', { hidden: summary.hidden })}</>}
        </p>
      )}
    </>
  );
}

function Trends({ figures }: { figures: MonitoringFigures }) {
  const t = useT();
  const { groupAgency } = useMonitoringReport();
  const k = figures.parameters.k;
  const latest = latestBucket(figures);
  const times = figures.times.find((table) => table.figure === 'referral_times' && table.bucket === latest);
  return (
    <section aria-labelledby="monitoring-trends">
      <h2 id="monitoring-trends">{t('monitoring.trends')}</h2>
      <p className="hint">{t('monitoring.hiddenLegend', { k })}</p>
      {FIGURES.map((figure) => {
        const caption = t(`monitoring.figure.${figure}`);
        const points = totalTrend(figures, figure);
        return (
          <div key={figure}>
            <h3>{caption}</h3>
            <TrendChart caption={caption} points={points} k={k} />
            <TrendTable caption={caption} points={points} k={k} />
          </div>
        );
      })}
      {times && <TimesTable table={times} k={k} groupAgency={groupAgency} />}
    </section>
  );
}

/** An agency's own figures name it in their parameters (docs/monitoring.md §1). */
function ownAgency(figures: MonitoringFigures): string | null {
  const agency = (figures.parameters as { agency?: unknown }).agency;
  return typeof agency === 'string' ? agency : null;
}

/** The monitoring dashboard (issue 23): a report made at the latest checkpoint, trends per figure, CSV. */
export function MonitoringScreen() {
  const { t, language } = useLanguage();
  const monitoring = useMonitoringReport();
  const stored = useStoredReports();
  const [saved, setSaved] = useState<string | null>(null);
  const report = monitoring.report;
  const figures = monitoring.figures;
  return (
    <>
      <h1>{t('monitoring.title')}</h1>
      <p>{t('monitoring.intro')}</p>
      <ReportForm busy={monitoring.state.status === 'busy'} onMake={monitoring.make} />
      <section aria-labelledby="monitoring-stored">
        <h2 id="monitoring-stored">{t('mon.stored.title')}</h2>
        {stored.status === 'failed' && <Problem message={stored.message} />}
        {stored.status === 'ready' && <StoredReports reports={stored.value} shownId={report?.id ?? null} busy={monitoring.state.status === 'busy'} onOpen={monitoring.open} />}
      </section>
      {monitoring.state.status === 'failed' && <Problem message={monitoring.state.message} />}
      {!report || !figures ? (
        <p>{t('monitoring.none')}</p>
      ) : (
        <>
          <p role="status">
            {t('monitoring.made', { time: new Date(report.createdAt).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' }), entries: report.treeSize, definitions: report.definitions, k: figures.parameters.k })}
            {report.noise && <> {t('monitoring.noise', { epsilon: report.noise.epsilonPerTable, total: report.noise.totalEpsilon })}</>}
          </p>
          {ownAgency(figures) && <p>{t('monitoring.ownAgency', { agency: monitoring.agencyName(ownAgency(figures) ?? '') })}</p>}
          <div className="actions">
            <button type="button" onClick={() => setSaved(saveFiguresCsv(figures))}>
              {t('monitoring.csv')}
            </button>
            {saved && <span className="hint">{saved}</span>}
          </div>
          {bucketsOf(figures).length > 0 && <Trends figures={figures} />}
        </>
      )}
    </>
  );
}
