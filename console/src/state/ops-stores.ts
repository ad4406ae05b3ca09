import { type MonitoringReport } from '../../../src/sdk/browser';
import { defineStore } from './store';

/** The monitoring report last made on this page (codes and counts only), shared by the dashboard and the cracks view; wiped on lock. */
export const monitoringReportStore = defineStore<MonitoringReport | null>({ name: 'monitoringReport', storage: 'memory', wipeOnLock: true, initial: () => null });

/** The agreement open on the agreements screen (its id only). */
export const openAgreementStore = defineStore<string | null>({ name: 'openAgreement', storage: 'memory', wipeOnLock: true, initial: () => null });
