/**
 * Builds a GENUINE XChaCha20-Poly1305 ciphertext that authenticates under two different keys
 * (Len, Grubbs, Ristenpart, "Partitioning Oracle Attacks", USENIX Security 2021). Test-only: it
 * exists to prove that envelope v1's key commitment, not the AEAD, stops a malicious author from
 * giving two recipients two different plaintexts for one signed ciphertext.
 *
 * Poly1305 is linear in the message: tag = (Σ (m_i + 2^128)·r^(q-i) mod p + s) mod 2^128 with
 * p = 2^130 - 5. Fix every ciphertext block but one, X; then h1 - h2 = c1 - c2 + X·(r1^e - r2^e)
 * (mod p), and X = (s2 - s1 + c2 - c1) / (r1^e - r2^e) makes h1 + s1 = h2 + s2. The solution is a
 * valid block only when X < 2^128 (and no wrap-around happened), about one nonce in four.
 */
import { concatBytes } from '../bytes';
import { le64 } from '../pae';
import type { Sodium } from '../sodium';

const P = (1n << 130n) - 5n;
const TWO_128 = 1n << 128n;
const CLAMP = 0x0ffffffc0ffffffc0ffffffc0fffffffn;
const BLOCK = 16;

export interface TwoKeyCiphertext {
  nonce: Uint8Array;
  /** Ciphertext || tag, accepted by crypto_aead_xchacha20poly1305_ietf_decrypt under both keys. */
  ciphertext: Uint8Array;
  attempts: number;
}

/**
 * `plaintext1` is what key1 decrypts to, except its first 16 bytes, which the solver overwrites
 * (the free block). Its length must be a multiple of 16.
 */
export function forgeTwoKeyCiphertext(
  sodium: Sodium,
  aad: Uint8Array,
  key1: Uint8Array,
  key2: Uint8Array,
  plaintext1: Uint8Array,
  maxAttempts = 200,
): TwoKeyCiphertext {
  if (plaintext1.length % BLOCK !== 0 || plaintext1.length === 0) throw new RangeError('plaintext must be whole blocks');
  for (let attempts = 1; attempts <= maxAttempts; attempts++) {
    const nonce = sodium.randombytes_buf(24);
    const ciphertext = tryNonce(sodium, aad, key1, key2, plaintext1, nonce);
    if (ciphertext) return { nonce, ciphertext, attempts };
  }
  throw new Error('no two-key ciphertext found');
}

function tryNonce(
  sodium: Sodium,
  aad: Uint8Array,
  key1: Uint8Array,
  key2: Uint8Array,
  plaintext1: Uint8Array,
  nonce: Uint8Array,
): Uint8Array | undefined {
  const one = poly1305Key(sodium, key1, nonce);
  const two = poly1305Key(sodium, key2, nonce);
  // Counter 1 onwards is the encryption keystream, exactly as the AEAD uses it.
  const body = sodium.crypto_stream_xchacha20_xor_ic(plaintext1, nonce, 1, key1);
  body.fill(0, 0, BLOCK);
  const blocks = macBlocks(aad, body);
  const free = Math.ceil(aad.length / BLOCK);
  const power = BigInt(blocks.length - free);
  const c1 = accumulate(blocks, one.r);
  const c2 = accumulate(blocks, two.r);
  const denominator = mod(modPow(one.r, power) - modPow(two.r, power));
  const x = mod((two.s - one.s + c2 - c1) * modPow(denominator, P - 2n));
  if (x >= TWO_128) return undefined;
  body.set(toLe(x, BLOCK), 0);
  const tag1 = tag(macBlocks(aad, body), one);
  if (tag1 !== tag(macBlocks(aad, body), two)) return undefined;
  return concatBytes([body, toLe(tag1, BLOCK)]);
}

/** The Poly1305 one-time key: the first 32 bytes of XChaCha20 keystream block 0. */
function poly1305Key(sodium: Sodium, key: Uint8Array, nonce: Uint8Array): { r: bigint; s: bigint } {
  const block0 = sodium.crypto_stream_xchacha20_xor_ic(new Uint8Array(64), nonce, 0, key);
  return { r: fromLe(block0.subarray(0, 16)) & CLAMP, s: fromLe(block0.subarray(16, 32)) };
}

/** RFC 8439 §2.8 MAC input: aad, pad16, ciphertext, pad16, le64(len aad), le64(len ct). */
function macBlocks(aad: Uint8Array, ciphertext: Uint8Array): bigint[] {
  const padding = (length: number) => new Uint8Array((BLOCK - (length % BLOCK)) % BLOCK);
  const data = concatBytes([aad, padding(aad.length), ciphertext, padding(ciphertext.length), le64(aad.length), le64(ciphertext.length)]);
  const blocks: bigint[] = [];
  for (let offset = 0; offset < data.length; offset += BLOCK) blocks.push(fromLe(data.subarray(offset, offset + BLOCK)) + TWO_128);
  return blocks;
}

function accumulate(blocks: readonly bigint[], r: bigint): bigint {
  return blocks.reduce((h, block) => mod((h + block) * r), 0n);
}

function tag(blocks: readonly bigint[], key: { r: bigint; s: bigint }): bigint {
  return (accumulate(blocks, key.r) + key.s) % TWO_128;
}

function mod(value: bigint): bigint {
  return ((value % P) + P) % P;
}

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

function fromLe(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

function toLe(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = 0; i < length; i++) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}
