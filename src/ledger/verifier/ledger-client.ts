import { decodeBase64 } from '../checkpoint/encoding';

/**
 * The log's HTTP API as the offline verifier and the witness see it. Only transport: nothing
 * the server says is trusted until checked against the caller's own trust policy.
 */

/** Structurally the SDK's HttpCore (bearer token, retries, problem+json errors), or a test double. */
export interface JsonHttp {
  request<T = unknown>(request: {
    method: 'GET' | 'POST';
    path: string;
    query?: Record<string, string | number | boolean | undefined>;
    json?: unknown;
  }): Promise<{ body: T }>;
}

export interface CheckpointJson {
  origin: string;
  treeSize: number;
  rootHash: string;
  signedAt: string;
  /** The signed note with every cosignature line appended. */
  note: string;
  cosignatures: { witness: string; line: string; cosignedAt: string }[];
}

export interface EntriesPageJson {
  start: number;
  end: number;
  treeSize: number;
  entries: { index: number; leafHash: string; entry: string }[];
}

export interface ProofJson {
  proof: string[];
}

export interface ConsistencyJson extends ProofJson {
  from: number;
  to: number;
}

export interface InclusionJson extends ProofJson {
  index: number;
  treeSize: number;
}

/** GET /ledger/log-keys: the log's keys, each after the first with the signed transition that brought it in. */
export interface LogKeysJson {
  origin: string;
  keys: { verifierKey: string; keyId: string; fingerprint: string; from: number; transition: { index: number; note: string } | null }[];
}

export interface LedgerClient {
  latestCheckpoint(): Promise<CheckpointJson>;
  logKeys(): Promise<LogKeysJson>;
  checkpoints(after: number, limit: number): Promise<{ checkpoints: CheckpointJson[]; next: number | null }>;
  entries(start: number, end: number): Promise<EntriesPageJson>;
  consistency(from: number, to: number): Promise<ConsistencyJson>;
  inclusion(index: number, treeSize: number): Promise<InclusionJson>;
  postCosignature(treeSize: number, cosignature: string): Promise<void>;
}

export class HttpLedgerClient implements LedgerClient {
  constructor(private readonly http: JsonHttp) {}

  async latestCheckpoint(): Promise<CheckpointJson> {
    return (await this.http.request<CheckpointJson>({ method: 'GET', path: '/ledger/checkpoint', query: { format: 'json' } })).body;
  }

  async logKeys(): Promise<LogKeysJson> {
    return (await this.http.request<LogKeysJson>({ method: 'GET', path: '/ledger/log-keys' })).body;
  }

  async checkpoints(after: number, limit: number): Promise<{ checkpoints: CheckpointJson[]; next: number | null }> {
    return (await this.http.request<{ checkpoints: CheckpointJson[]; next: number | null }>({ method: 'GET', path: '/ledger/checkpoints', query: { after, limit } })).body;
  }

  async entries(start: number, end: number): Promise<EntriesPageJson> {
    return (await this.http.request<EntriesPageJson>({ method: 'GET', path: '/ledger/entries', query: { start, end } })).body;
  }

  async consistency(from: number, to: number): Promise<ConsistencyJson> {
    return (await this.http.request<ConsistencyJson>({ method: 'GET', path: '/ledger/proofs/consistency', query: { from, to } })).body;
  }

  async inclusion(index: number, treeSize: number): Promise<InclusionJson> {
    return (await this.http.request<InclusionJson>({ method: 'GET', path: '/ledger/proofs/inclusion', query: { index, size: treeSize } })).body;
  }

  async postCosignature(treeSize: number, cosignature: string): Promise<void> {
    await this.http.request({ method: 'POST', path: '/ledger/cosignatures', json: { treeSize, cosignature } });
  }
}

/** Strict base64 of a 32-byte hash, or null. */
export function decodeHash(text: unknown): Buffer | null {
  const bytes = typeof text === 'string' ? decodeBase64(text) : null;
  return bytes?.length === 32 ? bytes : null;
}

/** Decodes a proof; null if any element is not a canonical base64 32-byte hash. */
export function decodeProof(proof: unknown): Buffer[] | null {
  if (!Array.isArray(proof)) return null;
  const hashes = proof.map(decodeHash);
  return hashes.every((hash): hash is Buffer => hash !== null) ? hashes : null;
}
