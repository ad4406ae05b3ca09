import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { statement, type Statement } from '../../database/statement';
import { pipelined, run } from '../../database/transactions';
import { type NodeCoord, nodeKey } from '../merkle';

export interface TreeState {
  treeSize: number;
  /** Perfect-subtree hashes along the right edge, left to right. */
  frontier: Buffer[];
}

export interface StoredEntry {
  index: number;
  leafHash: Buffer;
  entry: Buffer;
}

/** A stored entry as a verifier receives it: the leaf hash and the exact entry bytes in base64. */
export interface EncodedEntry {
  index: number;
  leafHash: string;
  entry: string;
}

/**
 * Reads of the Merkle tree as the append function stored it: the state row, node hashes (level 0
 * is ledger_entries.leaf_hash, levels ≥ 1 are ledger_nodes) and entry ranges. Never writes.
 */
@Injectable()
export class LogTreeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The tree size alone — for a caller that only bounds a request by it. The frontier is an array
   * of up to 64 hashes that node-postgres decodes in JavaScript: not worth it when unused.
   */
  async treeSize(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return run(manager, this.treeSizeStatement());
  }

  /**
   * The current tree size and the planned nodes, in one round trip. The nodes are read after the
   * size, so every node of a tree up to that size is there (the integration writes both at once).
   */
  async treeSizeAndNodes(coords: readonly NodeCoord[]): Promise<{ treeSize: number; nodes: Map<string, Buffer> }> {
    const [treeSize, nodes] = await pipelined(this.dataSource.manager, [this.treeSizeStatement(), this.nodesStatement(coords)] as const);
    return { treeSize, nodes };
  }

  private treeSizeStatement(): Statement<number> {
    return statement('SELECT tree_size FROM ledger_state WHERE id = 1', [], (rows) => (rows.length === 0 ? 0 : Number(rows[0].tree_size)));
  }

  /** Tree size and frontier in one statement, so they always describe the same tree. */
  async state(manager: EntityManager = this.dataSource.manager): Promise<TreeState> {
    const rows: { tree_size: string; frontier: Buffer[] }[] = await manager.query('SELECT tree_size, frontier FROM ledger_state WHERE id = 1');
    if (rows.length === 0) return { treeSize: 0, frontier: [] };
    return { treeSize: Number(rows[0].tree_size), frontier: rows[0].frontier };
  }

  /**
   * Every planned node in ONE query (a proof needs about 2·log2(n) of them), keyed by nodeKey().
   * A node that is not stored is simply absent; assembleProof() then refuses the plan.
   */
  async nodes(coords: readonly NodeCoord[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, Buffer>> {
    return coords.length === 0 ? new Map() : run(manager, this.nodesStatement(coords));
  }

  /**
   * Prepared, like every statement of the hot paths: planning this union of index look-ups cost as
   * much as running it (0.26 ms against 0.25 ms at a million entries).
   */
  private nodesStatement(coords: readonly NodeCoord[]): Statement<Map<string, Buffer>> {
    const leaves = coords.filter((node) => node.level === 0).map((node) => node.index);
    const inner = coords.filter((node) => node.level > 0);
    return statement(
      `SELECT 0 AS level, e.idx, e.leaf_hash AS hash FROM ledger_entries e WHERE e.idx = ANY($1::bigint[])
       UNION ALL
       SELECT n.level, n.idx, n.hash
         FROM ledger_nodes n JOIN unnest($2::smallint[], $3::bigint[]) AS c(level, idx) ON n.level = c.level AND n.idx = c.idx`,
      [leaves, inner.map((node) => node.level), inner.map((node) => node.index)],
      (rows) => new Map(rows.map((row) => [nodeKey({ level: Number(row.level), index: Number(row.idx) }), row.hash as Buffer])),
    );
  }

  /**
   * Entries [start, end) in index order (primary-key range scans), base64-encoded by PostgreSQL
   * (bytea travels as hex text, and decoding it into Buffers only to re-encode them as base64 was
   * most of the CPU of serving a million entries), `batchSize` rows at a time: the next batch is
   * read while the caller consumes this one, and no further, so a page never sits in memory whole.
   */
  async *encodedEntryBatches(start: number, end: number, batchSize: number, manager: EntityManager = this.dataSource.manager): AsyncGenerator<EncodedEntry[]> {
    const read = (from: number) => {
      const rows: Promise<{ idx: string; leaf_hash: string; entry: string }[]> = manager.query(
        // encode(…, 'base64') breaks lines every 76 characters; clients expect canonical base64.
        // (replace(), not translate(): translate walks every character and was slower than hex.)
        `SELECT idx, encode(leaf_hash, 'base64') AS leaf_hash, replace(encode(entry, 'base64'), E'\\n', '') AS entry
           FROM ledger_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx`,
        [from, Math.min(from + batchSize, end)],
      );
      rows.catch(() => undefined); // awaited below; never unhandled if the caller stops first
      return rows;
    };
    let next = start < end ? read(start) : null;
    for (let from = start; next !== null; from += batchSize) {
      const rows = await next;
      next = from + batchSize < end ? read(from + batchSize) : null;
      yield rows.map((row) => ({ index: Number(row.idx), leafHash: row.leaf_hash, entry: row.entry }));
    }
  }
}
