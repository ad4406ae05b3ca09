import { createNoteVerifier, KeyFormatError, SignatureType, type TrustPolicy } from '../checkpoint';

/**
 * The verifier's trust, distributed out of band (e.g. printed in the CCR's MOU), never taken
 * from the server it checks:
 *
 *   { "log": "<log vkey>", "witnesses": ["<witness vkey>", ...], "quorum": 2, "origin": "<optional>" }
 */
export interface TrustPolicyFile {
  log: string;
  witnesses: string[];
  quorum: number;
  origin?: string;
}

/** The policy file is unusable: a usage error (exit 2), not a verification failure. */
export class TrustPolicyError extends Error {
  override readonly name = 'TrustPolicyError';
}

export async function parseTrustPolicy(text: string): Promise<TrustPolicy> {
  const file = parseFile(text);
  try {
    const logKey = await createNoteVerifier(file.log);
    if (logKey.type !== SignatureType.Ed25519) throw new TrustPolicyError('"log" must be an Ed25519 (type 0x01) verifier key');
    const witnessKeys = await Promise.all(file.witnesses.map((vkey) => createNoteVerifier(vkey)));
    if (witnessKeys.some((key) => key.type !== SignatureType.CosignatureV1)) throw new TrustPolicyError('"witnesses" must be cosignature/v1 (type 0x04) keys');
    if (new Set(witnessKeys.map((key) => key.name)).size !== witnessKeys.length) throw new TrustPolicyError('two witnesses share a name');
    if (file.quorum > witnessKeys.length) throw new TrustPolicyError(`quorum ${file.quorum} exceeds the ${witnessKeys.length} witnesses listed`);
    return { logKey, witnessKeys, quorum: file.quorum, origin: file.origin };
  } catch (error) {
    if (error instanceof KeyFormatError) throw new TrustPolicyError(`bad verifier key in the trust policy: ${error.message}`);
    throw error;
  }
}

function parseFile(text: string): TrustPolicyFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TrustPolicyError('the trust policy is not JSON');
  }
  const file = value as Partial<TrustPolicyFile> | null;
  if (typeof file !== 'object' || file === null || typeof file.log !== 'string') throw new TrustPolicyError('the trust policy needs "log": the log\'s verifier key');
  const witnesses = file.witnesses ?? [];
  if (!Array.isArray(witnesses) || !witnesses.every((each) => typeof each === 'string')) throw new TrustPolicyError('"witnesses" must be a list of verifier keys');
  const quorum = file.quorum ?? 0;
  if (!Number.isSafeInteger(quorum) || quorum < 0) throw new TrustPolicyError('"quorum" must be a non-negative integer');
  if (file.origin !== undefined && typeof file.origin !== 'string') throw new TrustPolicyError('"origin" must be a string');
  return { log: file.log, witnesses, quorum, origin: file.origin };
}
