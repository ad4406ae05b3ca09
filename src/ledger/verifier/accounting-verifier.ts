import { checkCaseChain, type ChainLink, describeChainBreak } from '../case-chain';
import { type Checkpoint, type LogKeyHistory, type TrustPolicy, verifyCheckpointWithQuorum } from '../checkpoint';
import { EntryFormatError, type LedgerEntryV1, parseEntry } from '../entry-format';
import { hashesEqual, leafHash, verifyInclusion } from '../merkle';
import { appendOnlyFailure, openSavedCheckpoint } from './checkpoint-checks';
import { trustedKeys } from './key-checks';
import { decodeHash, decodeProof } from './ledger-client';
import { firstBadIndex, type VerificationFailure, type WitnessSeen } from './report';

/** The parts of an accounting (GET /cases/{id}/accounting, JSON) the verifier checks. */
export interface AccountingBundle {
  caseId: string;
  entries: { index: number; caseSeq: number; kind: string; time: string; leafHash: string; bytes: string; inclusionProof: string[] | null }[];
  receipt: { note: string } | null;
  consistency: { from: number; to: number; proof: string[] } | null;
  /** The log's key transitions (signed notes with their entry index), so the bundle verifies offline after a key change. */
  logKeyTransitions?: { index: number; note: string }[];
  /** When the receipt (signed for the accounting) has no cosignature yet: the witnessed checkpoint it extends. */
  witnessed?: { checkpoint: { note: string }; consistency: { from: number; to: number; proof: string[] } } | null;
}

export interface AccountingReport {
  ok: boolean;
  caseId: string;
  treeSize: number | null;
  entries: number;
  /** Entries proved against the receipt. */
  proved: number;
  /** Entries newer than the receipt (proved by the next accounting). */
  pending: number;
  witnesses: WitnessSeen[];
  /** Set when the witnesses vouch for the receipt through the witnessed checkpoint it extends: that checkpoint's size. */
  witnessedSize: number | null;
  failures: VerificationFailure[];
  firstBadIndex: number | null;
}

/**
 * Verifies a survivor's accounting offline: the log key in force for the receipt's size (followed
 * from the policy's root through the bundle's signed key transitions), the receipt's signatures and witness quorum, every
 * entry's bytes against its leaf hash and its inclusion proof, the case chain from 1 without a gap,
 * the displayed fields against the bytes, and (with a receipt kept from an earlier accounting)
 * that the log only grew since.
 */
export async function verifyAccounting(bundle: AccountingBundle, policy: TrustPolicy, previousNote?: string): Promise<AccountingReport> {
  const keys = await trustedKeys(policy, transitionsOf(bundle));
  const failures: VerificationFailure[] = keys.failure ? [keys.failure] : [];
  const opened = bundle.receipt ? openReceipt(bundle, policy, keys.history) : null;
  if (opened && !opened.ok) failures.push({ code: 'checkpoint', message: `the receipt does not verify: ${opened.message}` });
  if (!opened && bundle.entries.length > 0) failures.push({ code: 'bundle', message: 'the accounting has entries but no receipt to prove them against' });
  const receipt = opened?.ok ? opened.checkpoint : null;
  const links = checkEntries(bundle, receipt, failures);
  const broken = checkCaseChain(bundle.caseId, links);
  if (broken) failures.push({ code: 'case-chain', index: broken.index, message: describeChainBreak(broken) });
  if (previousNote !== undefined && receipt) failures.push(...checkSince(bundle, previousNote, receipt, policy, keys.history));
  return {
    ok: failures.length === 0,
    caseId: bundle.caseId,
    treeSize: receipt?.treeSize ?? null,
    entries: bundle.entries.length,
    proved: receipt ? bundle.entries.filter((entry) => entry.index < receipt.treeSize).length : 0,
    pending: receipt ? bundle.entries.filter((entry) => entry.index >= receipt.treeSize).length : bundle.entries.length,
    witnesses: opened?.ok ? opened.witnesses : [],
    witnessedSize: opened?.ok ? opened.witnessedSize : null,
    failures,
    firstBadIndex: firstBadIndex(failures),
  };
}

type OpenedReceipt = { ok: true; checkpoint: Checkpoint; witnesses: WitnessSeen[]; witnessedSize: number | null } | { ok: false; message: string };

/**
 * The receipt must carry the log's signature and meet the witness quorum — by its own
 * cosignatures, or, when it was signed for this accounting and has none yet, through the witnessed
 * checkpoint it provably extends (RFC 9162 consistency): what the witnesses saw, it only grew.
 */
function openReceipt(bundle: AccountingBundle, policy: TrustPolicy, history: LogKeyHistory): OpenedReceipt {
  const note = (bundle.receipt as { note: string }).note;
  const direct = verifyCheckpointWithQuorum(note, policy, history);
  const seen = (cosignatures: readonly { name: string; timestamp: number }[]) => cosignatures.map((each) => ({ name: each.name, timestamp: each.timestamp }));
  if (direct.ok) return { ok: true, checkpoint: direct.checkpoint, witnesses: seen(direct.cosignatures), witnessedSize: null };
  const signed = verifyCheckpointWithQuorum(note, { ...policy, quorum: 0 }, history);
  if (!signed.ok || !bundle.witnessed) return { ok: false, message: direct.message };
  const anchor = verifyCheckpointWithQuorum(bundle.witnessed.checkpoint.note, policy, history);
  if (!anchor.ok) return { ok: false, message: `${direct.message}; the witnessed checkpoint it extends does not verify either: ${anchor.message}` };
  const served = bundle.witnessed.consistency;
  const proof = served.from === anchor.checkpoint.treeSize && served.to === signed.checkpoint.treeSize ? decodeProof(served.proof) : null;
  if (anchor.checkpoint.treeSize > signed.checkpoint.treeSize || appendOnlyFailure(anchor.checkpoint, signed.checkpoint, proof)) {
    return { ok: false, message: `${direct.message}, and it is not an extension of the witnessed checkpoint of size ${anchor.checkpoint.treeSize}` };
  }
  return { ok: true, checkpoint: signed.checkpoint, witnesses: seen(anchor.cosignatures), witnessedSize: anchor.checkpoint.treeSize };
}

function checkEntries(bundle: AccountingBundle, receipt: Checkpoint | null, failures: VerificationFailure[]): ChainLink[] {
  const links: ChainLink[] = [];
  for (const shown of bundle.entries) {
    const bytes = Buffer.from(shown.bytes, 'base64');
    const recomputed = leafHash(bytes);
    const problem = entryProblem(shown, bytes, recomputed, receipt);
    if (problem) failures.push({ code: problem.code, index: shown.index, message: `entry ${shown.index}: ${problem.message}` });
    // A bad entry still takes its place in the chain (if it parses), so the chain check points at it, not past it.
    const entry = parseQuietly(bytes);
    if (entry) links.push({ index: shown.index, leafHash: recomputed, entry });
  }
  return links;
}

function entryProblem(shown: AccountingBundle['entries'][number], bytes: Buffer, recomputed: Buffer, receipt: Checkpoint | null): Omit<VerificationFailure, 'index'> | null {
  const stated = decodeHash(shown.leafHash);
  if (!stated || !hashesEqual(stated, recomputed)) return { code: 'leaf-hash-mismatch', message: 'its bytes do not hash to the leaf hash shown' };
  let entry;
  try {
    entry = parseEntry(bytes);
  } catch (error) {
    if (error instanceof EntryFormatError) return { code: 'malformed-entry', message: error.message };
    throw error;
  }
  if (entry.kind !== shown.kind || entry.time !== shown.time || entry.caseSeq !== shown.caseSeq) {
    return { code: 'bundle', message: 'the kind, time or position shown differ from the entry bytes' };
  }
  if (!receipt) return null;
  if (shown.index >= receipt.treeSize) return shown.inclusionProof === null ? null : { code: 'bundle', message: 'a proof is shown for an entry newer than the receipt' };
  const proof = decodeProof(shown.inclusionProof);
  if (!proof || !verifyInclusion(recomputed, shown.index, receipt.treeSize, proof, receipt.rootHash)) {
    return { code: 'inclusion', message: 'its inclusion proof does not verify against the receipt' };
  }
  return null;
}

function parseQuietly(bytes: Buffer): LedgerEntryV1 | null {
  try {
    return parseEntry(bytes);
  } catch (error) {
    if (error instanceof EntryFormatError) return null;
    throw error;
  }
}

function checkSince(bundle: AccountingBundle, previousNote: string, receipt: Checkpoint, policy: TrustPolicy, history: LogKeyHistory): VerificationFailure[] {
  const previous = openSavedCheckpoint(previousNote, policy, history);
  if ('code' in previous) return [previous];
  const served = bundle.consistency;
  const proof = served && served.from === previous.treeSize && served.to === receipt.treeSize ? decodeProof(served.proof) : null;
  if (previous.treeSize < receipt.treeSize && !served) {
    return [{ code: 'bundle', message: `no consistency proof in the accounting: request it with since=${previous.treeSize}` }];
  }
  const failure = appendOnlyFailure(previous, receipt, proof);
  return failure ? [failure] : [];
}

function transitionsOf(bundle: AccountingBundle): { index: number | null; note: string }[] {
  const served = Array.isArray(bundle.logKeyTransitions) ? bundle.logKeyTransitions : [];
  return served.filter((each) => typeof each?.note === 'string').map((each) => ({ index: Number.isSafeInteger(each.index) ? each.index : null, note: each.note }));
}
