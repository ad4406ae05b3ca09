import { consistencyProof, inclusionProof, leafHash } from '../merkle';
import type { CheckpointJson, ConsistencyJson, EntriesPageJson, InclusionJson, LedgerClient, LogKeysJson } from './ledger-client';

/**
 * A saved copy of everything the log verifier reads from the server: the latest checkpoint, the
 * log keys, every signed checkpoint and every entry. Verifying it offline (ExportedLedgerClient)
 * trusts it no more than the server: every entry is recomputed into the tree and compared with
 * the roots the log and its witnesses signed, under the verifier's own trust policy.
 */
export const LEDGER_EXPORT_FORMAT = 'ccr-exchange/ledger-export/v1';

export interface LedgerExport {
  format: typeof LEDGER_EXPORT_FORMAT;
  exportedAt: string;
  latest: CheckpointJson;
  logKeys: LogKeysJson;
  checkpoints: CheckpointJson[];
  entries: EntriesPageJson['entries'];
}

export class LedgerExportError extends Error {
  override readonly name = 'LedgerExportError';
}

/** Downloads the log as of its latest checkpoint, in pages; `onProgress` hears entries fetched so far. */
export async function exportLedger(client: LedgerClient, options: { pageSize: number; onProgress?: (done: number, total: number) => void }): Promise<LedgerExport> {
  const latest = await client.latestCheckpoint();
  const logKeys = await client.logKeys();
  const checkpoints: CheckpointJson[] = [];
  for (let after: number | null = 0; after !== null; ) {
    const page = await client.checkpoints(after, 1000);
    checkpoints.push(...page.checkpoints.filter((each) => each.treeSize <= latest.treeSize));
    after = page.next !== null && page.next < latest.treeSize ? page.next : null;
  }
  const entries: LedgerExport['entries'] = [];
  while (entries.length < latest.treeSize) {
    const page = await client.entries(entries.length, Math.min(entries.length + options.pageSize, latest.treeSize));
    if (page.entries.length === 0) break; // fewer entries than the checkpoint: the offline verification will say so
    entries.push(...page.entries);
    options.onProgress?.(entries.length, latest.treeSize);
  }
  return { format: LEDGER_EXPORT_FORMAT, exportedAt: new Date().toISOString(), latest, logKeys, checkpoints, entries };
}

export function parseLedgerExport(text: string): LedgerExport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerExportError('not a ledger export: not JSON');
  }
  const saved = value as Partial<LedgerExport> | null;
  if (saved?.format !== LEDGER_EXPORT_FORMAT) throw new LedgerExportError(`not a ledger export (expected format ${LEDGER_EXPORT_FORMAT})`);
  if (typeof saved.latest !== 'object' || typeof saved.logKeys !== 'object' || !Array.isArray(saved.checkpoints) || !Array.isArray(saved.entries)) {
    throw new LedgerExportError('the ledger export is incomplete: it needs latest, logKeys, checkpoints and entries');
  }
  return saved as LedgerExport;
}

/**
 * The export as the verifier's LedgerClient. Proofs are computed here from the exported entries'
 * own leaf hashes (never from hashes stored beside them): an altered entry changes every proof
 * and root it is part of, so it cannot match what the log signed.
 */
export class ExportedLedgerClient implements LedgerClient {
  #leaves: Buffer[] | undefined;

  constructor(private readonly saved: LedgerExport) {}

  latestCheckpoint(): Promise<CheckpointJson> {
    return Promise.resolve(this.saved.latest);
  }

  logKeys(): Promise<LogKeysJson> {
    return Promise.resolve(this.saved.logKeys);
  }

  checkpoints(after: number, limit: number): Promise<{ checkpoints: CheckpointJson[]; next: number | null }> {
    const page = this.saved.checkpoints.slice(after, after + limit);
    return Promise.resolve({ checkpoints: page, next: after + limit < this.saved.checkpoints.length ? after + limit : null });
  }

  entries(start: number, end: number): Promise<EntriesPageJson> {
    const entries = this.saved.entries.slice(start, end);
    return Promise.resolve({ start, end: start + entries.length, treeSize: this.saved.entries.length, entries });
  }

  consistency(from: number, to: number): Promise<ConsistencyJson> {
    return Promise.resolve({ from, to, proof: consistencyProof(this.leaves().slice(0, to), from).map(base64) });
  }

  inclusion(index: number, treeSize: number): Promise<InclusionJson> {
    return Promise.resolve({ index, treeSize, proof: inclusionProof(this.leaves().slice(0, treeSize), index).map(base64) });
  }

  postCosignature(): Promise<void> {
    return Promise.reject(new LedgerExportError('a saved export cannot be cosigned'));
  }

  private leaves(): Buffer[] {
    this.#leaves ??= this.saved.entries.map((row) => leafHash(Buffer.from(row.entry, 'base64')));
    return this.#leaves;
  }
}

function base64(hash: Buffer): string {
  return hash.toString('base64');
}
