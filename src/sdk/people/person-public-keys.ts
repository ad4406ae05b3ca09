import { fromBase64Strict, type PersonPublicKeys } from '../../crypto';
import { CcrUsageError } from '../errors';

/** A person's listed public keys as bytes; refuses anything but two 32-byte keys. */
export function publicKeysFrom(personId: string, listed: { signPublicKey: string; boxPublicKey: string }): PersonPublicKeys {
  const signPublicKey = fromBase64Strict(listed.signPublicKey);
  const boxPublicKey = fromBase64Strict(listed.boxPublicKey);
  if (signPublicKey?.length !== 32 || boxPublicKey?.length !== 32) throw new CcrUsageError('the server listed malformed person keys');
  return { personId, signPublicKey, boxPublicKey };
}

