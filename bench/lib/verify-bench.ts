import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../src/tooling/service-process';
import { type BenchWorld } from './world';

/**
 * Times `ccrx ledger verify` as an auditor runs it: a separate process that fetches every
 * checkpoint and every entry over HTTP, recomputes the whole tree and checks the signatures.
 * The trust policy is the log key alone (no witnesses are run by the benchmark). With `auditors`
 * above one, that many verify at once (the time is until the last one ends; each must verify).
 */
export async function measureVerify(apiUrl: string, world: BenchWorld, auditors = 1): Promise<{ entries: number; seconds: number; outcome: string }> {
  await world.http.json('POST', '/ledger/checkpoints', { token: world.auditorToken, expect: 200 });
  const { verifierKey } = await world.http.json<{ verifierKey: string }>('GET', '/ledger/log-key');
  const directory = mkdtempSync(join(tmpdir(), 'ccr-bench-verify-'));
  const trust = join(directory, 'trust.json');
  writeFileSync(trust, JSON.stringify({ log: verifierKey, witnesses: [], quorum: 0 }));
  const started = Date.now();
  const reports = await Promise.all(Array.from({ length: auditors }, () => verifyOnce(apiUrl, world, trust)));
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const failed = reports.find((report) => report.outcome !== 'verified');
  return { entries: Math.min(...reports.map((report) => report.entries)), seconds, outcome: failed?.outcome ?? 'verified' };
}

async function verifyOnce(apiUrl: string, world: BenchWorld, trust: string): Promise<{ entries: number; outcome: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/src/cli/main.js', '--api', apiUrl, '--user', world.credentials.auditorUser, '--json', 'ledger', 'verify', '--trust', trust], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', CCRX_PASSWORD: world.credentials.auditorPassword },
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(stdout) as { treeSize?: number; entries?: number; ok?: boolean };
    return { entries: report.treeSize ?? report.entries ?? 0, outcome: report.ok === false ? 'failed' : 'verified' };
  } catch (error) {
    return { entries: 0, outcome: `failed: ${(error as { stderr?: string }).stderr ?? String(error)}`.slice(0, 500) };
  }
}
