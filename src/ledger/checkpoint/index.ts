export type { Checkpoint } from './checkpoint';
export { CheckpointFormatError, formatCheckpoint, parseCheckpoint } from './checkpoint';
export type { Cosigner } from './cosignature';
export { COSIGNATURE_SIZE, cosignatureMessage, cosignatureTimestamp, createCosigner, verifyCosignature } from './cosignature';
export type { PublicKeyInfo, SignatureTypeByte } from './keys';
export type { KeyTransition, KeyTransitionRefusal, VerifiedKeyTransition } from './key-transition';
export {
  checkKeyTransition,
  formatKeyTransition,
  KEY_TRANSITION_HEADER,
  KeyTransitionFormatError,
  KeyTransitionRefused,
  parseKeyTransition,
  signKeyTransition,
} from './key-transition';
export { computeKeyId, formatKeyId, formatVerifierKey, KeyFormatError, keyFingerprint, parseVerifierKey, SignatureType } from './keys';
export type { KeyTransitionFailure, LogKeyPeriod, ServedKeyTransition } from './log-key-history';
export { keyLabel, LogKeyHistory } from './log-key-history';
export type { NoteErrorCode, NoteSignature, NoteSigner, NoteVerifier, OpenedNote } from './note';
export { formatSignatureLine, MAX_NOTE_SIGNATURES, NoteError, openNote, parseNote, signNote } from './note';
export type { QuorumFailure, QuorumResult, TrustPolicy, WitnessCosignature } from './quorum';
export { describeQuorumFailure, verifyCheckpointWithQuorum } from './quorum';
export type { Ed25519NoteSigner } from './signers';
export { createEd25519NoteSigner, createNoteVerifier, ed25519NoteVerifier, generateSeed } from './signers';
export type { AddCheckpointRequest, WitnessFailure, WitnessIdentity, WitnessLogState, WitnessOutcome } from './witness';
export { MAX_PROOF_LINES, witnessAddCheckpoint } from './witness';
export { formatAddCheckpointBody, parseAddCheckpointBody } from './witness-protocol';
