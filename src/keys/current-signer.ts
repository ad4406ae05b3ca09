import { type EntityManager } from 'typeorm';
import { fromBase64Strict } from '../crypto';
import { type KeyDirectoryService } from './key-directory.service';

export interface SignerMaterial {
  key: Uint8Array;
  signature: Uint8Array;
}

/** Why a statement's signer cannot be checked: the field to name and a message without secrets. */
export interface SignerProblem {
  field: 'signerEpoch' | 'signature';
  message: string;
}

/**
 * The key and decoded signature for a new signed statement (consent terms, agreement terms): it
 * must be signed with the agency's CURRENT epoch — a retired key may have been rotated out because
 * it was exposed. The key row is share-locked until the caller commits, so a rotation cannot slip
 * between this check and the store.
 */
export async function currentSignerMaterial(
  keys: KeyDirectoryService,
  manager: EntityManager,
  signer: { agencyId: string; epoch: number; signature: string },
): Promise<SignerMaterial | SignerProblem> {
  const [state] = await keys.epochStates([{ agencyId: signer.agencyId, epoch: signer.epoch }], manager, true);
  if (!state) return { field: 'signerEpoch', message: `your agency has no registered key epoch ${signer.epoch}` };
  if (!state.current) return { field: 'signerEpoch', message: `key epoch ${signer.epoch} of your agency has been rotated out; sign with its current epoch` };
  const signature = fromBase64Strict(signer.signature);
  if (!signature || signature.length !== 64) return { field: 'signature', message: 'signature must be a 64-byte Ed25519 signature in base64' };
  return { key: new Uint8Array(state.signPublicKey), signature };
}
