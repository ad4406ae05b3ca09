import { useState } from 'react';
import { type MonitoringReportRequest } from '../../../src/sdk/browser';
import { useStore } from '../state/store';
import { monitoringReportStore } from '../state/ops-stores';
import { coordinationTransport } from './coordination-transport';
import { useAgencyNames } from './use-agencies';
import { groupAgencyId, shownFigures } from './monitoring-rules';

/**
 * The monitoring report shown on the dashboard and the cracks view: made at the latest signed
 * checkpoint on request (POST /monitoring/reports), kept in memory until lock.
 */
export function useMonitoringReport() {
  const report = useStore(monitoringReportStore);
  const names = useAgencyNames();
  const [state, setState] = useState<{ status: 'idle' | 'busy' } | { status: 'failed'; message: string }>({ status: 'idle' });
  const make = async (request: MonitoringReportRequest) => {
    setState({ status: 'busy' });
    try {
      monitoringReportStore.set(await coordinationTransport.report(request));
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
  return { report, figures: report ? shownFigures(report) : null, state, make: (request: MonitoringReportRequest) => void make(request), agencyName, groupAgency };
}
