export { HASH_SIZE, emptyRoot, hashesEqual, isHash, leafHash, leafHashOf, nodeHash } from './hash';
export { isPowerOfTwo, largestPowerOfTwoBelow } from './tree-math';
export type { LeafRange, NodeCoord, StoredNode } from './node';
export { foldSubtrees, nodeKey, nodeLeafRange, perfectSubtreesOfRange } from './node';
export type { Frontier, FrontierAppend } from './frontier';
export { appendToFrontier, frontierCoordinates, pushLeaf, rootFromFrontier } from './frontier';
export { rootFromLeafHashes, subtreeRoot } from './tree-hash';
export { consistencyProof, inclusionProof } from './reference-proofs';
export type { ProofPlan } from './proof-plan';
export {
  assembleConsistencyProof,
  assembleInclusionProof,
  assembleProof,
  planConsistencyProof,
  planInclusionProof,
  planRoot,
} from './proof-plan';
export { rootFromInclusionProof, rootsFromConsistencyProof, verifyConsistency, verifyInclusion } from './verify';
export type { ExpectedRoot, RootCheck, RootCheckStatus } from './root-checks';
export type { Divergence, DivergenceReason, LogRecord, LogSource, StreamOptions, StreamVerification } from './stream-verifier';
export { verifyLogStream } from './stream-verifier';
