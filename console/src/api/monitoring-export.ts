import type { MonitoringFigures } from '../../../src/sdk/browser';
import { monitoringCsv } from '../../../src/sdk/browser-plain';

/** The report's figures as the CLI's CSV, saved by an explicit action; the blob URL is revoked once the download has started. */
export function saveFiguresCsv(figures: MonitoringFigures): string {
  const file = `ccr-monitoring-${figures.parameters.from.slice(0, 10)}-${figures.parameters.to.slice(0, 10)}.csv`;
  const url = URL.createObjectURL(new Blob([monitoringCsv(figures)], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return file;
}
