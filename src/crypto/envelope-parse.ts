import { base64Length, decodeBase64Exact, fromBase64Strict } from './base64';
import { checkAuthorAndConsents, checkCanonicalOrder, checkMetadata, checkRecipientEntry, fail } from './envelope-checks';
import {
  ENVELOPE_VERSION,
  HASH_BYTES,
  KEY_COMMITMENT_BYTES,
  NONCE_BYTES,
  SIGNATURE_BYTES,
  SUITE_CCR1,
  expectedWrapLength,
  isValidCiphertextLength,
} from './envelope-format';
import { hash32, recordHeader } from './envelope-pae';
import type { EnvelopeLimits, RecipientEntry, RecordMetadata } from './envelope-types';
import { isPlainRecord, unexpectedKeys } from './identifiers';
import type { Sodium } from './sodium';

/** A record decoded from the wire and structurally valid; its signature is NOT yet checked. */
export interface ParsedRecord extends RecordMetadata {
  signerEpoch: number;
  header: Uint8Array;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  ciphertextHash: Uint8Array;
  keyCommitment: Uint8Array;
  signature: Uint8Array;
  wraps: ParsedWrap[];
}

export interface ParsedWrap extends RecipientEntry {
  /** null when the server withheld it (delivery form only). */
  wrap: Uint8Array | null;
  wrapHash: Uint8Array;
}

/** 'upload': every wrap must be present. 'delivery': others' wraps may be replaced by hashes. */
export type ParseMode = 'upload' | 'delivery';

const RECORD_KEYS = [
  'v',
  'suite',
  'recordId',
  'caseId',
  'category',
  'authorAgencyId',
  'createdAt',
  'supersedes',
  'signerEpoch',
  'nonce',
  'ciphertext',
  'keyCommitment',
  'wraps',
  'signature',
] as const;

export function parseRecord(sodium: Sodium, input: unknown, limits: EnvelopeLimits, mode: ParseMode): ParsedRecord {
  if (!isPlainRecord(input)) fail('malformed', 'envelope must be a JSON object');
  checkVersionAndSuite(input);
  const extra = unexpectedKeys(input, RECORD_KEYS);
  if (extra.length > 0) fail('malformed', `unexpected envelope field(s): ${extra.join(', ')}`);
  const metadata = readMetadata(input);
  checkSizes(input, limits);
  const ciphertext = decodeCiphertext(input.ciphertext);
  const wraps = parseWraps(sodium, input.wraps as unknown[], metadata.recordId, mode);
  checkCanonicalOrder(wraps);
  checkAuthorAndConsents(wraps, metadata.authorAgencyId);
  return {
    ...metadata,
    signerEpoch: readSignerEpoch(input.signerEpoch),
    header: recordHeader(metadata),
    nonce: decodeExact(input.nonce, NONCE_BYTES, 'nonce'),
    ciphertext,
    ciphertextHash: hash32(sodium, ciphertext),
    keyCommitment: decodeExact(input.keyCommitment, KEY_COMMITMENT_BYTES, 'keyCommitment'),
    signature: decodeExact(input.signature, SIGNATURE_BYTES, 'signature'),
    wraps,
  };
}

// Version and suite first: a future format may have other fields, and deserves a clear answer.
export function checkVersionAndSuite(input: Record<string, unknown>): void {
  if (input.v !== ENVELOPE_VERSION) {
    fail(typeof input.v === 'number' ? 'unsupported_version' : 'malformed', 'only version 1 is supported');
  }
  if (input.suite !== SUITE_CCR1) {
    fail(typeof input.suite === 'string' ? 'unsupported_suite' : 'malformed', "only suite 'ccr1' is supported");
  }
}

function readMetadata(input: Record<string, unknown>): RecordMetadata {
  const metadata = {
    recordId: input.recordId,
    caseId: input.caseId,
    category: input.category,
    authorAgencyId: input.authorAgencyId,
    createdAt: input.createdAt,
    supersedes: input.supersedes,
  } as RecordMetadata;
  checkMetadata(metadata);
  return metadata;
}

function readSignerEpoch(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    fail('malformed', 'signerEpoch must be an integer >= 1');
  }
  return value;
}

// Runs on the base64 text, before any decoding, so an oversized upload costs almost nothing.
function checkSizes(input: Record<string, unknown>, limits: EnvelopeLimits): void {
  if (typeof input.ciphertext !== 'string') fail('malformed', 'ciphertext must be a base64 string');
  if (input.ciphertext.length > base64Length(limits.maxCiphertextBytes)) {
    fail('too_large', `ciphertext exceeds ${limits.maxCiphertextBytes} bytes`);
  }
  if (!Array.isArray(input.wraps)) fail('malformed', 'wraps must be an array');
  if (input.wraps.length > limits.maxWraps) fail('too_large', `more than ${limits.maxWraps} wraps`);
}

function decodeCiphertext(value: unknown): Uint8Array {
  const ciphertext = decodeBase64(value, 'ciphertext');
  if (!isValidCiphertextLength(ciphertext.length)) {
    fail('malformed', 'ciphertext length is not whole padding blocks plus the AEAD tag');
  }
  return ciphertext;
}

function parseWraps(sodium: Sodium, entries: readonly unknown[], recordId: string, mode: ParseMode): ParsedWrap[] {
  return entries.map((entry, position) => parseWrap(sodium, entry, position, recordId, mode));
}

function parseWrap(sodium: Sodium, entry: unknown, position: number, recordId: string, mode: ParseMode): ParsedWrap {
  if (!isPlainRecord(entry)) fail('malformed', `wraps[${position}] must be an object`);
  const withheld = mode === 'delivery' && 'wrapHash' in entry && !('wrap' in entry);
  const extra = unexpectedKeys(entry, ['agencyId', 'epoch', 'consentId', withheld ? 'wrapHash' : 'wrap']);
  if (extra.length > 0) fail('malformed', `wraps[${position}] has unexpected field(s): ${extra.join(', ')}`);
  const recipient = { agencyId: entry.agencyId, epoch: entry.epoch, consentId: entry.consentId } as RecipientEntry;
  // Checked before decoding because the expected wrap length is computed from these fields.
  checkRecipientEntry(recipient, position);
  if (withheld) {
    return { ...recipient, wrap: null, wrapHash: decodeExact(entry.wrapHash, HASH_BYTES, `wraps[${position}].wrapHash`) };
  }
  const expected = expectedWrapLength(recordId, recipient.agencyId, recipient.epoch, recipient.consentId);
  const wrap = decodeExact(entry.wrap, expected, `wraps[${position}].wrap`);
  return { ...recipient, wrap, wrapHash: hash32(sodium, wrap) };
}

function decodeBase64(value: unknown, field: string): Uint8Array {
  const bytes = typeof value === 'string' ? fromBase64Strict(value) : undefined;
  if (!bytes) fail('malformed', `${field} must be canonical standard base64`);
  return bytes;
}

export function decodeExact(value: unknown, length: number, field: string): Uint8Array {
  const bytes = decodeBase64Exact(value, length);
  if (!bytes) fail('malformed', `${field} must be canonical standard base64 of exactly ${length} bytes`);
  return bytes;
}
