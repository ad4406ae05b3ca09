/**
 * The three node:crypto calls the ledger verifier's modules make (src/ledger/merkle/hash.ts,
 * src/ledger/checkpoint/keys.ts and signers.ts), for the verify worker: SHA-256 must be
 * synchronous there (a tree hash is computed leaf by leaf), which Web Crypto's digest is not, so
 * it comes from @noble/hashes. Aliased in vite.config.ts; decision 0105.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { Buffer } from 'buffer';

function onlySha256(algorithm: string): void {
  if (algorithm !== 'sha256') throw new Error(`the console's node:crypto shim hashes sha256 only, not ${algorithm}`);
}

/** crypto.hash(algorithm, data, 'binary'): the digest as a latin1 string, one character per byte. */
export function hash(algorithm: string, data: Uint8Array): string {
  onlySha256(algorithm);
  let text = '';
  for (const byte of sha256(data)) text += String.fromCharCode(byte);
  return text;
}

interface Sha256Hash {
  update(data: string | Uint8Array, encoding?: 'utf8'): Sha256Hash;
  digest(): Buffer;
}

export function createHash(algorithm: string): Sha256Hash {
  onlySha256(algorithm);
  const state = sha256.create();
  const hasher: Sha256Hash = {
    update(data) {
      state.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
      return hasher;
    },
    digest: () => Buffer.from(state.digest()),
  };
  return hasher;
}

export function randomBytes(size: number): Buffer {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(size)));
}
