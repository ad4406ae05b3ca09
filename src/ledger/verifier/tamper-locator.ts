import { EntryFormatError, parseEntry } from '../entry-format';
import { hashesEqual, leafHash, pushLeaf, rootFromFrontier, rootsFromConsistencyProof, verifyConsistency, verifyInclusion } from '../merkle';
import { entryPages } from './entry-pages';
import { decodeProof, type LedgerClient } from './ledger-client';

/**
 * Where the evidence puts a change: one entry (proven), or the narrowest range of entries the
 * evidence proves holds it. Reports say which of the two they are (docs/ledger-format.md §11).
 */
export type Location = { readonly precision: 'exact'; readonly index: number } | { readonly precision: 'range'; readonly from: number; readonly to: number };

export const exactly = (index: number): Location => ({ precision: 'exact', index });
export const between = (from: number, to: number): Location => (from === to ? exactly(from) : { precision: 'range', from, to });

/** The first index a location may name. */
export const firstIndexOf = (location: Location): number => (location.precision === 'exact' ? location.index : location.from);

/** "entry 41 was changed" or "an entry in 40–47 was changed". */
export function describeLocation(location: Location, what = 'was changed'): string {
  return location.precision === 'exact' ? `entry ${location.index} ${what}` : `an entry in ${location.from}–${location.to} ${what}`;
}

/** A signed tree the recomputed log disagrees with, and the last signed size it agrees with. */
export interface Disagreement {
  /** Size and root of the signed checkpoint whose root the entries do not rebuild. */
  readonly signedSize: number;
  readonly signedRoot: Uint8Array;
  /** The largest smaller signed size whose root the entries rebuild (0: none), and the recomputed frontier there. */
  readonly matchedSize: number;
  readonly matchedFrontier: readonly Buffer[];
}

/** What the locator keeps of each re-read entry: its recomputed leaf hash and its case link. */
interface ReadEntry {
  readonly leafHash: Buffer;
  readonly caseId: string | null;
  readonly caseSeq: number | null;
  /** The leaf hash this entry commits to for its case's previous entry. */
  readonly casePrev: Buffer | null;
}

/**
 * Finds the first entry of [matchedSize, signedSize) that differs from what the signed tree holds.
 * The entries of that range are read again and their leaf hashes recomputed. Evidence, all checked
 * against the signed root (RFC 9162), never taken from the server's word:
 *
 * - a consistency proof from an even prefix m to the signed tree, verifying from the recomputed
 *   root of m, PROVES the first m entries intact; one whose path rebuilds the signed root from
 *   another root for m PROVES that prefix different. Only even prefixes are asked: their proofs are
 *   made of stored interior nodes, while an odd one's rest on a stored leaf hash — the very row a
 *   tamperer rewrites — and could testify to nothing. This leaves a pair of leaves [2k, 2k + 1].
 * - an inclusion proof that verifies the recomputed leaf hash of an entry PROVES that entry intact;
 *   its casePrev is then the signed leaf hash of the previous entry of its case. Entries of the
 *   proven range are looked at one by one this way: those proven intact at its ends are dropped,
 *   and one proven changed ends it.
 *
 * If the stored nodes were rewritten too, proofs fail to verify: that proves nothing, and the answer
 * stays the range from the last proven-intact prefix. About 2·log2(range) proofs and a few more;
 * read only when verification already failed.
 */
export async function locateChange(client: LedgerClient, disagreement: Disagreement, pageSize: number): Promise<Location> {
  const { signedSize, signedRoot, matchedSize } = disagreement;
  const entries = await reread(client, matchedSize, signedSize, pageSize);
  if (entries.length !== signedSize - matchedSize) return between(matchedSize, signedSize - 1);
  const leafAt = (position: number): Buffer => entries[position - matchedSize].leafHash;
  const rootAt = (size: number): Buffer => {
    const stack = disagreement.matchedFrontier.map((hash) => Buffer.from(hash));
    for (let position = matchedSize; position < size; position += 1) pushLeaf(stack, position, leafAt(position));
    return rootFromFrontier(stack);
  };
  const consistencyTo = async (size: number): Promise<Buffer[] | null> => {
    const served = await client.consistency(size, signedSize).catch(() => null);
    return served && served.from === size && served.to === signedSize ? decodeProof(served.proof) : null;
  };
  const intact = async (size: number): Promise<boolean> => {
    const proof = await consistencyTo(size);
    return proof !== null && verifyConsistency(size, signedSize, proof, rootAt(size), signedRoot);
  };
  const provablyDiffers = async (size: number): Promise<boolean> => {
    if (size >= signedSize) return !hashesEqual(rootAt(signedSize), signedRoot);
    const proof = await consistencyTo(size);
    if (proof === null) return false;
    const mine = rootAt(size);
    const theirs = rootsFromConsistencyProof(size, signedSize, proof, mine);
    // The omitted old root of a power-of-two prefix is ours by construction: such a proof cannot testify.
    return theirs !== null && hashesEqual(theirs.newRoot, signedRoot) && !hashesEqual(theirs.oldRoot, mine);
  };

  // The matching checkpoint proves the first matchedSize entries; the mismatching one, not all.
  let low = matchedSize;
  let high = signedSize;
  for (let middle = evenMiddle(low, high); middle !== null; middle = evenMiddle(low, high)) {
    if (await intact(middle)) low = middle;
    else high = middle;
  }
  // The smallest prefix from `high` on PROVEN different bounds the range (a power-of-two prefix's
  // proof omits its root and cannot testify; the signed size always can).
  let bound = high;
  while (bound < signedSize && !(await provablyDiffers(bound))) bound = Math.min(signedSize, bound + Math.max(2, bound - low));
  return narrowed(low, bound - 1, (position) => verdictOf(client, entries, matchedSize, signedSize, signedRoot, position));
}

type Verdict = 'intact' | 'changed' | null;

/** Entries looked at one by one to narrow a proven range: a bounded number of proofs. */
const NARROWING_LIMIT = 32;

/**
 * The first change is proven to lie in [from, to]. Entries proven intact at either end are dropped;
 * an entry proven changed ends the range (the first change is at or before it).
 */
async function narrowed(from: number, to: number, verdict: (position: number) => Promise<Verdict>): Promise<Location> {
  if (to - from + 1 > NARROWING_LIMIT) return between(from, to);
  const verdicts = new Map<number, Verdict>();
  for (let position = from; position <= to; position += 1) {
    verdicts.set(position, await verdict(position));
    if (verdicts.get(position) === 'changed') {
      to = position;
      break;
    }
  }
  while (from < to && verdicts.get(from) === 'intact') from += 1;
  while (to > from && verdicts.get(to) === 'intact') to -= 1;
  return between(from, to);
}

/** An even prefix size strictly between low and high, near the middle; null if none (odd ones would rest on stored leaf hashes). */
function evenMiddle(low: number, high: number): number | null {
  const middle = low + Math.floor((high - low) / 2);
  for (const size of [middle, middle + 1, middle - 1]) if (size % 2 === 0 && size > low && size < high) return size;
  return null;
}

/**
 * Is this entry the one the signed tree holds? Its own inclusion proof says "intact" when it
 * verifies (its sibling leaf's stored hash is then honest too); otherwise the next entry of its
 * case decides, if that one's inclusion proof verifies: its casePrev is this entry's signed leaf
 * hash. Null when nothing decides.
 */
async function verdictOf(client: LedgerClient, entries: readonly ReadEntry[], matchedSize: number, signedSize: number, signedRoot: Uint8Array, position: number): Promise<Verdict> {
  const at = (index: number) => entries[index - matchedSize];
  const provenIntact = async (index: number): Promise<boolean> => {
    const served = await client.inclusion(index, signedSize).catch(() => null);
    const proof = served && served.index === index && served.treeSize === signedSize ? decodeProof(served.proof) : null;
    return proof !== null && verifyInclusion(at(index).leafHash, index, signedSize, proof, signedRoot);
  };
  if (await provenIntact(position)) return 'intact';
  const signedHash = await signedLeafHashFromCase(entries, matchedSize, signedSize, position, provenIntact);
  if (signedHash === null) return null;
  return hashesEqual(signedHash, at(position).leafHash) ? 'intact' : 'changed';
}

/**
 * The casePrev of the next entry of `position`'s case within the signed range, if that entry is
 * proven intact and is the very next of the case (caseSeq one more): only then does its casePrev
 * speak of this entry, and not of one that was taken out of the case between them.
 */
async function signedLeafHashFromCase(
  entries: readonly ReadEntry[],
  matchedSize: number,
  signedSize: number,
  position: number,
  provenIntact: (position: number) => Promise<boolean>,
): Promise<Buffer | null> {
  const { caseId, caseSeq } = entries[position - matchedSize];
  if (caseId === null || caseSeq === null) return null;
  for (let next = position + 1; next < signedSize; next += 1) {
    const entry = entries[next - matchedSize];
    if (entry.caseId !== caseId) continue;
    return entry.casePrev !== null && entry.caseSeq === caseSeq + 1 && (await provenIntact(next)) ? entry.casePrev : null;
  }
  return null;
}

async function reread(client: LedgerClient, start: number, end: number, pageSize: number): Promise<ReadEntry[]> {
  const entries: ReadEntry[] = [];
  for await (const page of entryPages(shifted(client, start), end - start, pageSize)) {
    for (const record of page) entries.push(readEntry(record.entry));
  }
  return entries;
}

function readEntry(bytes: Uint8Array): ReadEntry {
  const hash = leafHash(bytes);
  try {
    const entry = parseEntry(bytes);
    const prev = typeof entry.casePrev === 'string' ? Buffer.from(entry.casePrev, 'hex') : null;
    return { leafHash: hash, caseId: entry.case ?? null, caseSeq: entry.caseSeq ?? null, casePrev: prev };
  } catch (error) {
    if (error instanceof EntryFormatError) return { leafHash: hash, caseId: null, caseSeq: null, casePrev: null };
    throw error;
  }
}

/** The log seen from `start` on: entryPages reads positions from 0. */
function shifted(client: LedgerClient, start: number): LedgerClient {
  return {
    latestCheckpoint: () => client.latestCheckpoint(),
    logKeys: () => client.logKeys(),
    checkpoints: (after, limit) => client.checkpoints(after, limit),
    consistency: (from, to) => client.consistency(from, to),
    inclusion: (index, treeSize) => client.inclusion(index, treeSize),
    postCosignature: (treeSize, cosignature) => client.postCosignature(treeSize, cosignature),
    entries: async (from, to) => {
      const page = await client.entries(from + start, to + start);
      return { ...page, start: page.start - start, end: page.end - start };
    },
  };
}
