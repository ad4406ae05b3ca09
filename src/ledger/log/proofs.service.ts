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
    const leaf: NodeCoord = { level: 0, index };
    const planned = await this.fetchPlanned(size, 'size', [leaf], (treeSize) => {
      if (index >= treeSize) throw new LogRangeError('index', `index must be below the tree size (${treeSize})`);
      return [planInclusionProof(index, treeSize)];
    });
    const [proof, [leafHash]] = assemble(planned.plans, [leaf], planned.nodes);
    return { index, treeSize: planned.treeSize, leafHash, proof: proof[0] };
  }

  async consistency(from: number, to: number | undefined): Promise<ConsistencyProof> {
    const planned = await this.fetchPlanned(to, 'to', [], (treeSize) => {
      if (from > treeSize) throw new LogRangeError('from', `from must not exceed to (${treeSize})`);
      return [planConsistencyProof(from, treeSize)];
    });
    const [proofs] = assemble(planned.plans, [], planned.nodes);
    return { from, to: planned.treeSize, proof: proofs[0] };
  }

  /**
   * Assembles several proofs (and loose nodes, e.g. leaf hashes) from ONE batched node query.
   * Throws if the storage lacks a planned node: the stored tree is damaged.
   */
  async build(plans: readonly ProofPlan[], loose: readonly NodeCoord[] = [], manager?: EntityManager): Promise<[Buffer[][], Buffer[]]> {
    return assemble(plans, loose, await this.tree.nodes(plannedNodes(plans, loose), manager));
  }

  /**
   * The plans for a requested tree size (which must exist in the tree) or, without one, for the
   * latest checkpoint's, with their nodes. A requested size is checked against the current tree
   * size read in the nodes' round trip: nothing is assembled for a size beyond the tree.
   */
  private async fetchPlanned(size: number | undefined, field: string, loose: readonly NodeCoord[], planFor: (treeSize: number) => ProofPlan[]): Promise<{ treeSize: number; plans: ProofPlan[]; nodes: Map<string, Buffer> }> {
    if (size === undefined) {
      const latest = await this.checkpoints.latest();
      if (!latest) throw new CheckpointNotFoundError();
      const plans = planFor(latest.treeSize);
      return { treeSize: latest.treeSize, plans, nodes: await this.tree.nodes(plannedNodes(plans, loose)) };
    }
    const plans = planFor(size);
    const current = await this.tree.treeSizeAndNodes(plannedNodes(plans, loose));
    if (size > current.treeSize) throw new LogRangeError(field, `${field} must not exceed the current tree size (${current.treeSize})`);
    return { treeSize: size, plans, nodes: current.nodes };
  }
}

function plannedNodes(plans: readonly ProofPlan[], loose: readonly NodeCoord[]): NodeCoord[] {
  return [...plans.flatMap((plan) => plan.nodes), ...loose];
}

function assemble(plans: readonly ProofPlan[], loose: readonly NodeCoord[], fetched: ReadonlyMap<string, Buffer>): [Buffer[][], Buffer[]] {
  const looseHashes = loose.map((node) => assembleProof({ nodes: [node], elements: [[node]] }, fetched)[0]);
  return [plans.map((plan) => assembleProof(plan, fetched)), looseHashes];
}
