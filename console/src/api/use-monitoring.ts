import { useState } from 'react';
import { type MonitoringReport, type MonitoringReportRequest } from '../../../src/sdk/browser';
import { useStore } from '../state/store';
import { monitoringReportStore } from '../state/ops-stores';
import { coordinationTransport } from './coordination-transport';
import { useAgencyNames } from './use-agencies';
import { useAsync } from './use-async';
import { groupAgencyId, shownFigures } from './monitoring-rules';

/**
 * The monitoring report shown on the dashboard and the cracks view: made at the latest signed
 * checkpoint on request (POST /monitoring/reports), kept in memory until lock.
 */
export function useMonitoringReport() {
  const report = useStore(monitoringReportStore);
  const names = useAgencyNames();
  const [state, setState] = useState<{ status: 'idle' | 'busy' } | { status: 'failed'; message: string }>({ status: 'idle' });
  const run = async (fetch: () => Promise<MonitoringReport>) => {
    setState({ status: 'busy' });
    try {
      monitoringReportStore.set(await fetch());
      setState({ status: 'idle' });
    } catch (error) {
      setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  /** A row group as a person reads it: an agency's name for `agency:<id>`, else the kind's code for the catalogue's label. */
  const agencyName = (id: string) => names.get(id) ?? '…';
  const groupAgency = (group: string) => {
    const id = groupAgencyId(group);
    return id ? agencyName(id) : null;
  };
  return {
    report,
    figures: report ? shownFigures(report) : null,
    state,
    make: (request: MonitoringReportRequest) => void run(() => coordinationTransport.report(request)),
    open: (reportId: string) => void run(() => coordinationTransport.storedReport(reportId)),
    agencyName,
    groupAgency,
  };
}

/** The reports the caller's agency made before (GET /monitoring/reports), listed again after each new one. */
export function useStoredReports() {
  const report = useStore(monitoringReportStore);
  return useAsync(() => coordinationTransport.storedReports(), [report?.id]);
}
