/// <reference lib="webworker" />
// Must stay first: the verifier's modules use Node's global Buffer at load (decision 0105).
import '../shims/buffer-global';
import { consoleHttp } from '../api/http';
import { HttpLedgerClient, type LedgerClient, parseTrustPolicy, verifyLog } from '../../../src/ledger/verifier';
import { type VerifyReply, type VerifyRequest } from './verify-protocol';

const reply = (message: VerifyReply) => self.postMessage(message);

/** The log client, reporting how far the entry download has come (entries are fetched in order). */
function reportingProgress(client: LedgerClient, total: () => number): LedgerClient {
  return new Proxy(client, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (name !== 'entries' || typeof value !== 'function') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      return async (start: number, end: number) => {
        const page = await target.entries(start, end);
        reply({ type: 'progress', done: end, total: total() });
        return page;
      };
    },
  });
}

/**
 * Without the auditor's trust policy, the only key there is is the one the server serves now:
 * the root key of its history, with no witness (trust on first use; the screen says so).
 */
async function servedPolicy(client: LedgerClient): Promise<string> {
  const keys = await client.logKeys();
  return JSON.stringify({ log: keys.keys[0]?.verifierKey ?? '', witnesses: [], quorum: 0 });
}

self.onmessage = async (event: MessageEvent<VerifyRequest>) => {
  try {
    const request = event.data;
    const base = new HttpLedgerClient(consoleHttp(request.origin));
    const latest = await base.latestCheckpoint();
    const client = reportingProgress(base, () => latest.treeSize);
    reply({ type: 'progress', done: 0, total: latest.treeSize });
    const policy = await parseTrustPolicy(request.trustPolicy ?? (await servedPolicy(base)));
    const report = await verifyLog(client, policy, { pageSize: request.pageSize });
    reply({
      type: 'done',
      summary: {
        ok: report.ok,
        treeSize: report.treeSize,
        entriesChecked: report.entriesChecked,
        checkpointsChecked: report.checkpointsChecked,
        witnesses: report.witnesses.map((witness) => witness.name),
        firstBadIndex: report.firstBadIndex,
        failures: report.failures.map((failure) => ({ code: failure.code, message: failure.message })),
        trustedServedKey: request.trustPolicy === null,
      },
    });
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : 'verification failed' });
  }
};
