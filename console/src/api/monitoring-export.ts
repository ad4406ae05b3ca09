import type { MonitoringFigures } from '../../../src/sdk/browser';
import { monitoringCsv } from '../../../src/sdk/browser-plain';
import { saveFile } from './save-file';

/** The report's figures as the CLI's CSV, saved by an explicit action. */
export function saveFiguresCsv(figures: MonitoringFigures): string {
  const file = `ccr-monitoring-${figures.parameters.from.slice(0, 10)}-${figures.parameters.to.slice(0, 10)}.csv`;
  return saveFile(file, new Blob([monitoringCsv(figures)], { type: 'text/csv' }));
}
