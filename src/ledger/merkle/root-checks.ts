import { hashesEqual, isHash } from './hash';
import { rootFromFrontier } from './frontier';
import { assertIndex } from './tree-math';

/** A tree head to check while streaming (e.g. every checkpoint the log ever signed). */
export interface ExpectedRoot {
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
}

export type RootCheckStatus = 'match' | 'mismatch' | 'beyond-log';

export interface RootCheck {
  readonly treeSize: number;
  readonly status: RootCheckStatus;
  /** The signed root it was compared with. */
  readonly expected: Uint8Array;
  /**
   * For a match: the recomputed frontier at that size (O(log n) hashes), from which the tamper
   * locator recomputes the root of any larger prefix without reading the entries before it again.
   */
  readonly frontier?: readonly Buffer[];
}

// Compares the running root against expected tree heads as the stream passes their sizes.
export class RootChecker {
  private readonly pending = new Map<number, Uint8Array[]>();
  private readonly results: RootCheck[] = [];

  constructor(expected: readonly ExpectedRoot[]) {
    for (const { treeSize, rootHash } of expected) {
      assertIndex(treeSize, 'expected tree size');
      this.pending.set(treeSize, [...(this.pending.get(treeSize) ?? []), rootHash]);
    }
  }

  atSize(size: number, frontier: readonly Buffer[]): void {
    const roots = this.pending.get(size);
    if (roots === undefined) return;
    const actual = rootFromFrontier(frontier);
    for (const root of roots) {
      const status = statusOf(actual, root);
      this.results.push(status === 'match' ? { treeSize: size, status, expected: root, frontier: frontier.map((hash) => Buffer.from(hash)) } : { treeSize: size, status, expected: root });
    }
    this.pending.delete(size);
  }

  /** Expected sizes the stream never reached: the log is shorter than a tree head claims. */
  finish(): RootCheck[] {
    for (const [treeSize, roots] of this.pending) {
      for (const root of roots) this.results.push({ treeSize, status: 'beyond-log', expected: root });
    }
    return this.results;
  }
}

function statusOf(actual: Buffer, expected: Uint8Array): RootCheckStatus {
  return isHash(expected) && hashesEqual(actual, expected) ? 'match' : 'mismatch';
}
