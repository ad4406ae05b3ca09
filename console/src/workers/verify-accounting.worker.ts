/// <reference lib="webworker" />
// Must stay first: the verifier's modules use Node's global Buffer at load (decision 0105).
import '../shims/buffer-global';
import { consoleHttp } from '../api/http';
import { type AccountingView } from '../api/accounting-rules';
import { csrfStore } from '../state/stores';
import { apiPath } from '../../../src/sdk/browser-plain';
import { type AccountingBundle, HttpLedgerClient, parseTrustPolicy, verifyAccounting } from '../../../src/ledger/verifier';
import { type AccountingReply, type AccountingRequest } from './verify-accounting-protocol';

/**
 * The survivor's accounting, fetched and verified in this worker by the code `ccrx ledger
 * accounting` runs (verifyAccounting): the log key from the auditor's or advocate's trust policy
 * (or, without one, the key the server serves now: the screen says so), the receipt and its
 * witnesses, every entry's inclusion proof and the case chain from 1 without a gap.
 */
self.onmessage = async (event: MessageEvent<AccountingRequest>) => {
  const request = event.data;
  const reply = (message: AccountingReply) => self.postMessage(message);
  try {
    csrfStore.set(request.csrf);
    const http = consoleHttp(request.origin);
    const bundle = (await http.request<AccountingBundle & AccountingView>({ method: 'GET', path: apiPath`/cases/${request.caseId}/accounting`, query: { format: 'json' } })).body;
    const policyText = request.trustPolicy ?? (await servedPolicy(new HttpLedgerClient(http)));
    const report = await verifyAccounting(bundle, await parseTrustPolicy(policyText));
    reply({
      type: 'done',
      accounting: bundle,
      check: {
        ok: report.ok,
        treeSize: report.treeSize,
        entries: report.entries,
        proved: report.proved,
        witnesses: report.witnesses.map((witness) => witness.name),
        failures: report.failures.map((failure) => ({ code: failure.code, message: failure.message })),
        trustedServedKey: request.trustPolicy === null,
      },
    });
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : 'the accounting could not be verified' });
  }
};

/** Without a trust policy, the root of the key history the server serves (trust on first use, no witness). */
async function servedPolicy(client: HttpLedgerClient): Promise<string> {
  const keys = await client.logKeys();
  return JSON.stringify({ log: keys.keys[0]?.verifierKey ?? '', witnesses: [], quorum: 0 });
}
