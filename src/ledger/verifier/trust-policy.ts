import { createNoteVerifier, KeyFormatError, parseVerifierKey, SignatureType, type TrustPolicy } from '../checkpoint';

/**
 * The verifier's trust, distributed out of band (e.g. printed in the CCR's MOU), never taken
 * from the server it checks:
 *
 *   { "log": "<log vkey>", "witnesses": ["<witness vkey>", ...], "quorum": 2, "origin": "<optional>" }
 *
 * "log" is the log's root key: the key its first checkpoints were signed with. Later keys are not
 * listed: the verifier follows the log's key transitions, each signed by the key before it.
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
  return trustPolicyOf(readTrustPolicyFile(text));
}

/** The file's fields, checked for shape (not yet for its keys: trustPolicyOf does that). */
export function readTrustPolicyFile(text: string): TrustPolicyFile {
  return parseFile(text);
}

/** The file's text: the fields in a fixed order, two-space JSON, a final newline. */
export function formatTrustPolicyFile(file: TrustPolicyFile): string {
  const ordered: TrustPolicyFile = { log: file.log, witnesses: [...file.witnesses], quorum: file.quorum, ...(file.origin === undefined ? {} : { origin: file.origin }) };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * The policy with one more witness (a cosignature/v1 vkey), and the quorum set if given. Refuses a
 * witness listed already (by name or key) and a quorum above the number of witnesses.
 */
export async function withWitness(file: TrustPolicyFile, vkey: string, quorum?: number): Promise<TrustPolicyFile> {
  await trustPolicyOf(file);
  let info;
  try {
    info = parseVerifierKey(vkey);
  } catch (error) {
    if (error instanceof KeyFormatError) throw new TrustPolicyError(`bad witness verifier key: ${error.message}`);
    throw error;
  }
  if (info.type !== SignatureType.CosignatureV1) throw new TrustPolicyError('a witness key must be a cosignature/v1 (type 0x04) verifier key');
  const listed = file.witnesses.map((each) => parseVerifierKey(each));
  if (listed.some((each) => each.name === info.name || each.publicKey.equals(info.publicKey))) throw new TrustPolicyError(`witness ${info.name} (or its key) is listed already`);
  const next: TrustPolicyFile = { ...file, witnesses: [...file.witnesses, vkey], quorum: quorum ?? file.quorum };
  await trustPolicyOf(next);
  return next;
}

/** A policy file's keys made into verifiers, every rule checked. */
export async function trustPolicyOf(file: TrustPolicyFile): Promise<TrustPolicy> {
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
