import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { CheckpointNotFoundError, LogRangeError } from '../ledger.errors';
import { assembleProof, type NodeCoord, planConsistencyProof, planInclusionProof, type ProofPlan } from '../merkle';
import { CheckpointsRepository } from './checkpoints.repository';
import { LogTreeRepository } from './log-tree.repository';

export interface InclusionProof {
  index: number;
  treeSize: number;
  leafHash: Buffer;
  proof: Buffer[];
}

export interface ConsistencyProof {
  from: number;
  to: number;
  proof: Buffer[];
}

/**
 * RFC 9162 proofs from stored subtree hashes: plan the coordinates, fetch them all in one query,
 * fold. Any size up to the current tree size is served (decision 0016): proofs are only hashes,
 * and a client checks them against a checkpoint it verified itself.
 */
@Injectable()
export class ProofsService {
  constructor(
    private readonly tree: LogTreeRepository,
    private readonly checkpoints: CheckpointsRepository,
  ) {}

  async inclusion(index: number, size: number | undefined): Promise<InclusionProof> {
    const treeSize = await this.sizeOrLatest(size, 'size');
    if (index >= treeSize) throw new LogRangeError('index', `index must be below the tree size (${treeSize})`);
    const leaf: NodeCoord = { level: 0, index };
    const [proof, [leafHash]] = await this.build([planInclusionProof(index, treeSize)], [leaf]);
    return { index, treeSize, leafHash, proof: proof[0] };
  }

  async consistency(from: number, to: number | undefined): Promise<ConsistencyProof> {
    const treeSize = await this.sizeOrLatest(to, 'to');
    if (from > treeSize) throw new LogRangeError('from', `from must not exceed to (${treeSize})`);
    const [proofs] = await this.build([planConsistencyProof(from, treeSize)]);
    return { from, to: treeSize, proof: proofs[0] };
  }

  /**
   * Assembles several proofs (and loose nodes, e.g. leaf hashes) from ONE batched node query.
   * Throws if the storage lacks a planned node: the stored tree is damaged.
   */
  async build(plans: readonly ProofPlan[], loose: readonly NodeCoord[] = [], manager?: EntityManager): Promise<[Buffer[][], Buffer[]]> {
    const coords = [...plans.flatMap((plan) => plan.nodes), ...loose];
    const fetched = await this.tree.nodes(coords, manager);
    const looseHashes = loose.map((node) => assembleProof({ nodes: [node], elements: [[node]] }, fetched)[0]);
    return [plans.map((plan) => assembleProof(plan, fetched)), looseHashes];
  }

  /** A requested size must exist in the tree; without one, the latest checkpoint's size. */
  private async sizeOrLatest(size: number | undefined, field: string): Promise<number> {
    if (size === undefined) {
      const latest = await this.checkpoints.latest();
      if (!latest) throw new CheckpointNotFoundError();
      return latest.treeSize;
    }
    const treeSize = await this.tree.treeSize();
    if (size > treeSize) throw new LogRangeError(field, `${field} must not exceed the current tree size (${treeSize})`);
    return size;
  }
}
