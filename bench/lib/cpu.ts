import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a live process has spent, in ms, read from /proc; 0 once it has ended. */
export function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat; [0] here is field 3.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/** CPU time of every process named postgres (backends of processes that exit are lost, so runs keep their connections). */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let name = '';
    try {
      name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (name === 'postgres') total += processCpuMs(Number(entry));
  }
  return total;
}

/** Cores each part of the machine kept busy over a measurement: CPU time divided by wall time. */
export interface CoresUsed {
  api: number;
  postgres: number;
  loadGenerator: number;
  total: number;
  /** The machine's cores: `total` near it means the machine, not one process, was the bound. */
  of: number;
}

/**
 * Starts counting the CPU the API processes, PostgreSQL and this process (the load generator)
 * spend; the returned function answers the cores each kept busy since.
 */
export function countCores(apiPids: readonly number[]): () => CoresUsed {
  const apiMs = () => apiPids.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const before = { api: apiMs(), postgres: postgresCpuMs(), driver: process.cpuUsage(), at: performance.now() };
  return () => {
    const wallMs = performance.now() - before.at;
    const driver = process.cpuUsage(before.driver);
    const cores = (ms: number) => Math.round((ms / wallMs) * 100) / 100;
    const used = { api: cores(apiMs() - before.api), postgres: cores(postgresCpuMs() - before.postgres), loadGenerator: cores((driver.user + driver.system) / 1000) };
    return { ...used, total: Math.round((used.api + used.postgres + used.loadGenerator) * 100) / 100, of: availableParallelism() };
  };
}
