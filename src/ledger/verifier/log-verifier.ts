import { type ChainBreak, describeChainBreak } from '../case-chain';
import { type Checkpoint, type LogKeyHistory, type QuorumFailure, type TrustPolicy, verifyCheckpointWithQuorum, type WitnessCosignature } from '../checkpoint';
import { type ExpectedRoot, type RootCheck, type StreamVerification, verifyLogStream } from '../merkle';
import { appendOnlyFailure, openSavedCheckpoint } from './checkpoint-checks';
import { EntryChecks } from './entry-checks';
import { entryPages } from './entry-pages';
import { servedTransitions, transitionEntryFailures, trustedKeys } from './key-checks';
import { type CheckpointJson, decodeProof, type LedgerClient } from './ledger-client';
import { firstBadIndex, type VerificationFailure, type WitnessSeen } from './report';
import { between, describeLocation, exactly, firstIndexOf, locateChange, type Location } from './tamper-locator';

export interface LogVerifyOptions {
  /** A checkpoint note saved earlier (e.g. the last time this verifier ran, or a survivor's receipt). */
  previous?: string;
  /** Entries per request (the API caps it at 10,000). */
  pageSize?: number;
  /** Told as entries are recomputed (done of total): a terminal shows progress. */
  onProgress?: (done: number, total: number) => void;
  /** Told each entry's bytes as recomputed, in index order (the monitoring figures are computed from them). */
  onEntry?: (index: number, entry: Uint8Array) => void;
}

export interface LogReport {
  ok: boolean;
  treeSize: number | null;
  rootHash: string | null;
  witnesses: WitnessSeen[];
  /** Signed checkpoints whose roots were compared with the recomputed tree. */
  checkpointsChecked: number;
  entriesChecked: number;
  /** The log keys followed from the policy's root, each with the first tree size it signs. */
  logKeys: { verifierKey: string; from: number }[];
  failures: VerificationFailure[];
  firstBadIndex: number | null;
  /** The verified latest checkpoint note: save it and pass it as `previous` next time. */
  checkpointNote: string | null;
  /**
   * Set when the latest checkpoint is signed by the log but not yet cosigned by the quorum: the
   * size of the newest checkpoint that is (`witnesses` are its cosigners). Entries from this size
   * on are verified against the log's signature only, until the witnesses catch up.
   */
  witnessedSize: number | null;
}

/**
 * Verifies the whole log without trusting the server (docs/ledger-format.md §11): the log's key
 * history followed from the policy's root key through signed transitions; the latest checkpoint's
 * log signature (by the key in force for its size) and witness quorum under the caller's own
 * policy; append-only since a saved checkpoint; every entry recomputed into the tree (leaf hashes,
 * indices, entry format, case chains, key transitions) and the root compared with every
 * checkpoint the log ever signed.
 */
export async function verifyLog(client: LedgerClient, policy: TrustPolicy, options: LogVerifyOptions = {}): Promise<LogReport> {
  const latest = await client.latestCheckpoint();
  const keys = await trustedKeys(policy, servedTransitions(await client.logKeys()));
  const failures: VerificationFailure[] = keys.failure ? [keys.failure] : [];
  const quorum = await openLatest(client, latest.note, policy, keys.history);
  if (!quorum.ok) return report([...failures, { code: 'checkpoint', message: quorum.message }]);
  const checkpoint = quorum.checkpoint;
  const expected: ExpectedRoot[] = [{ treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash }];
  if (options.previous !== undefined) {
    const previous = await checkPrevious(client, policy, keys.history, options.previous, checkpoint, failures);
    if (previous && previous.treeSize <= checkpoint.treeSize) expected.push({ treeSize: previous.treeSize, rootHash: previous.rootHash });
  }
  failures.push(...quorum.published.failures);
  expected.push(...quorum.published.roots);
  const checks = new EntryChecks();
  const stream = await recompute(client, checkpoint.treeSize, options.pageSize ?? 10_000, expected, checks, options);
  failures.push(...(await streamFailures(client, stream, checks, checkpoint.treeSize, options.pageSize ?? 10_000)));
  failures.push(...transitionEntryFailures(keys.history, checks.keyTransitions, stream.treeSize));
  return {
    ...report(failures),
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash.toString('base64'),
    witnesses: quorum.cosignatures.map((cosignature) => ({ name: cosignature.name, timestamp: cosignature.timestamp })),
    checkpointsChecked: stream.rootChecks.filter((check) => check.status !== 'beyond-log').length,
    entriesChecked: stream.treeSize,
    logKeys: keys.history.periods.map((period) => ({ verifierKey: period.vkey, from: period.from })),
    checkpointNote: latest.note,
    witnessedSize: quorum.witnessed?.checkpoint.treeSize ?? null,
  };
}

/** A checkpoint that meets the caller's witness quorum, with its note as the log served it. */
export interface WitnessedCheckpoint {
  served: CheckpointJson;
  checkpoint: Checkpoint;
  cosignatures: readonly WitnessCosignature[];
}

/** The checkpoints the log published below the latest one, read in one pass. */
interface PublishedCheckpoints {
  /** Each one's root, to compare with the recomputed tree (each carries the log's signature). */
  roots: ExpectedRoot[];
  /** Published checkpoints that the log key in force for their size did not sign. */
  failures: VerificationFailure[];
  /** The newest that meets the caller's witness quorum, if any. */
  newestWitnessed: WitnessedCheckpoint | null;
}

export type OpenedLatest =
  | {
      ok: true;
      checkpoint: Checkpoint;
      cosignatures: readonly WitnessCosignature[];
      /** Set when the latest checkpoint is not yet cosigned by the quorum: the newest that is. */
      witnessed: WitnessedCheckpoint | null;
      published: PublishedCheckpoints;
    }
  | { ok: false; message: string; kind: QuorumFailure['kind'] };

/**
 * The latest checkpoint must carry the log's signature and meet the witness quorum — by its own
 * cosignatures or, when the witnesses have not cosigned it yet, through the newest checkpoint that
 * does: every entry is then recomputed against both roots, which proves the newer one only grew
 * what the witnesses saw. The entries past the witnessed size are reported as not yet witnessed.
 */
export async function openLatest(client: LedgerClient, note: string, policy: TrustPolicy, history: LogKeyHistory): Promise<OpenedLatest> {
  const direct = verifyCheckpointWithQuorum(note, policy, history);
  if (!direct.ok && direct.failure.kind !== 'quorum-not-met') return { ok: false, message: direct.message, kind: direct.failure.kind };
  const signed = direct.ok ? direct : verifyCheckpointWithQuorum(note, { ...policy, quorum: 0 }, history);
  if (!signed.ok) return { ok: false, message: signed.message, kind: signed.failure.kind };
  const published = await publishedCheckpoints(client, policy, history, signed.checkpoint.treeSize);
  if (direct.ok) return { ok: true, checkpoint: direct.checkpoint, cosignatures: direct.cosignatures, witnessed: null, published };
  const anchor = published.newestWitnessed;
  if (!anchor) return { ok: false, message: `${direct.message}, and no earlier checkpoint meets it either`, kind: 'quorum-not-met' };
  return { ok: true, checkpoint: signed.checkpoint, cosignatures: anchor.cosignatures, witnessed: anchor, published };
}

async function publishedCheckpoints(client: LedgerClient, policy: TrustPolicy, history: LogKeyHistory, treeSize: number): Promise<PublishedCheckpoints> {
  const published: PublishedCheckpoints = { roots: [], failures: [], newestWitnessed: null };
  for (let after: number | null = 0; after !== null; ) {
    const page = await client.checkpoints(after, 1000);
    for (const served of page.checkpoints.filter((each) => each.treeSize < treeSize)) readPublished(served, policy, history, published);
    after = page.next !== null && page.next < treeSize ? page.next : null;
  }
  return published;
}

function readPublished(served: CheckpointJson, policy: TrustPolicy, history: LogKeyHistory, published: PublishedCheckpoints): void {
  const signed = verifyCheckpointWithQuorum(served.note, { ...policy, quorum: 0 }, history);
  if (!signed.ok) {
    published.failures.push({ code: 'old-checkpoint', message: signed.message.startsWith('checkpoint of size') ? signed.message : `checkpoint of size ${served.treeSize}: ${signed.message}` });
    return;
  }
  published.roots.push({ treeSize: signed.checkpoint.treeSize, rootHash: signed.checkpoint.rootHash });
  const witnessed = verifyCheckpointWithQuorum(served.note, policy, history);
  if (witnessed.ok) published.newestWitnessed = { served, checkpoint: witnessed.checkpoint, cosignatures: witnessed.cosignatures };
}

async function checkPrevious(
  client: LedgerClient,
  policy: TrustPolicy,
  history: LogKeyHistory,
  note: string,
  current: Checkpoint,
  failures: VerificationFailure[],
): Promise<Checkpoint | null> {
  const previous = openSavedCheckpoint(note, policy, history);
  if ('code' in previous) {
    failures.push(previous);
    return null;
  }
  const proof = previous.treeSize < current.treeSize ? await consistencyProof(client, previous.treeSize, current.treeSize) : null;
  const failure = appendOnlyFailure(previous, current, proof);
  if (failure) failures.push(failure);
  return previous;
}

async function consistencyProof(client: LedgerClient, from: number, to: number): Promise<Buffer[] | null> {
  const served = await client.consistency(from, to);
  return served.from === from && served.to === to ? decodeProof(served.proof) : null;
}

/** Streams the entries through the RFC 9162 recomputation, running the entry checks on each. */
function recompute(
  client: LedgerClient,
  treeSize: number,
  pageSize: number,
  expectedRoots: ExpectedRoot[],
  checks: EntryChecks,
  { onProgress, onEntry }: Pick<LogVerifyOptions, 'onProgress' | 'onEntry'>,
): Promise<StreamVerification> {
  return verifyLogStream(entryPages(client, treeSize, pageSize), {
    expectedRoots,
    // Each leaf as recomputed from its entry, in order: the entry checks run on exactly that.
    onLeaf: (position, leafHash, record) => {
      checks.check(position, leafHash, record.entry);
      onEntry?.(position, record.entry);
      onProgress?.(position + 1, treeSize);
    },
  });
}

async function streamFailures(client: LedgerClient, stream: StreamVerification, checks: EntryChecks, treeSize: number, pageSize: number): Promise<VerificationFailure[]> {
  const failures: VerificationFailure[] = [];
  const divergence = stream.firstDivergence;
  if (divergence) {
    const what = divergence.reason === 'index-mismatch' ? 'the entry served at this position has another index (a row is missing, added or renumbered)' : 'the entry does not hash to its stored leaf hash (it was changed)';
    failures.push(located(divergence.reason, exactly(divergence.index), `entry ${divergence.index}: ${what}`));
  }
  if (checks.formatFailure) failures.push(checks.formatFailure);
  if (stream.treeSize < treeSize) {
    failures.push({ code: 'truncated', index: stream.treeSize, message: `the log served ${stream.treeSize} entries; the checkpoint covers ${treeSize}` });
  }
  // A leaf that no longer hashes to its stored hash already explains a root mismatch, exactly.
  const signedTree = divergence ? null : await signedTreeLocation(client, stream.rootChecks, pageSize);
  const intactBelow = Math.max(provenIntactSize(stream.rootChecks), signedTree ? firstIndexOf(signedTree) : 0);
  if (checks.chainBreak) failures.push(chainFailure(checks.chainBreak, signedTree, intactBelow));
  const mismatch = stream.rootChecks.find((check) => check.status === 'mismatch');
  if (mismatch) failures.push(rootFailure(mismatch, signedTree, checks, divergence !== null));
  return failures;
}

function located(code: VerificationFailure['code'], location: Location, message: string): VerificationFailure {
  return { code, index: firstIndexOf(location), location, message };
}

/**
 * Where the signed tree puts the first changed entry, when the recomputed root differs from a
 * signed one: the first mismatching checkpoint and the last matching one below it (tamper-locator).
 */
async function signedTreeLocation(client: LedgerClient, rootChecks: readonly RootCheck[], pageSize: number): Promise<Location | null> {
  const mismatch = rootChecks.filter((check) => check.status === 'mismatch').sort((a, b) => a.treeSize - b.treeSize)[0];
  if (!mismatch) return null;
  const matched = rootChecks.filter((check) => check.status === 'match' && check.treeSize < mismatch.treeSize).sort((a, b) => b.treeSize - a.treeSize)[0];
  return locateChange(
    client,
    { signedSize: mismatch.treeSize, signedRoot: mismatch.expected, matchedSize: matched?.treeSize ?? 0, matchedFrontier: matched?.frontier ?? [] },
    pageSize,
  );
}

/** Entries before the largest size whose signed root the recomputed entries rebuild are the signed ones. */
function provenIntactSize(rootChecks: readonly RootCheck[]): number {
  const firstMismatch = Math.min(...rootChecks.filter((check) => check.status === 'mismatch').map((check) => check.treeSize));
  return Math.max(0, ...rootChecks.filter((check) => check.status === 'match' && check.treeSize < firstMismatch).map((check) => check.treeSize));
}

/**
 * A case's chain breaks between two of its entries: a wrong casePrev means the earlier entry or the
 * later one changed. The signed tree decides when it can: the entry it proves changed, or the
 * earlier entry proven intact (before a matching checkpoint, or before the first entry the signed
 * tree proves different) — then the later one changed. Otherwise the two bound the range.
 */
function chainFailure(broken: ChainBreak, signedTree: Location | null, intactBelow: number): VerificationFailure {
  if (broken.index === broken.foundAt) return located('case-chain', exactly(broken.index), `entry ${broken.index} was changed: ${describeChainBreak(broken)}`);
  const [earlier, later] = [broken.index, broken.foundAt];
  const chain = `entry ${later} does not link to entry ${earlier}, the previous entry of its case`;
  if (signedTree?.precision === 'exact' && (signedTree.index === earlier || signedTree.index === later)) {
    return located('case-chain', signedTree, `entry ${signedTree.index} was changed: ${chain}, and the signed tree proves which`);
  }
  if (earlier < intactBelow && later >= intactBelow) {
    return located('case-chain', exactly(later), `entry ${later} was changed: ${chain}, and entry ${earlier} is proven by a signed checkpoint`);
  }
  return located('case-chain', between(earlier, later), `${describeLocation(between(earlier, later))} (entry ${earlier} or entry ${later}): ${chain}`);
}

/**
 * The recomputed root differs from a signed one. The signed tree locates the change (exactly, or in
 * the narrowest proven range); rows swapped outside any case are named as such when the first
 * changed entry is also where time order breaks.
 */
function rootFailure(mismatch: RootCheck, signedTree: Location | null, entryChecks: EntryChecks, explained: boolean): VerificationFailure {
  const message = `the root recomputed from the entries differs from the signed checkpoint of size ${mismatch.treeSize}`;
  if (explained || signedTree === null) return { code: 'root-mismatch', message };
  const disorder = entryChecks.firstDisorder;
  if (signedTree.precision === 'exact' && disorder === signedTree.index) {
    return located('reordered', signedTree, `${describeLocation(signedTree)}: ${message}; entry ${disorder} is newer than the entry after it: rows were moved`);
  }
  const proof = signedTree.precision === 'exact' ? 'the signed tree proves the entries before it intact and this one different' : 'the signed tree proves the entries before it intact; its stored nodes do not narrow it further';
  return located('root-mismatch', signedTree, `${describeLocation(signedTree)}: ${message}; ${proof}`);
}

function report(failures: VerificationFailure[]): LogReport {
  return {
    ok: failures.length === 0,
    treeSize: null,
    rootHash: null,
    witnesses: [],
    checkpointsChecked: 0,
    entriesChecked: 0,
    logKeys: [],
    failures,
    firstBadIndex: firstBadIndex(failures),
    checkpointNote: null,
    witnessedSize: null,
  };
}
