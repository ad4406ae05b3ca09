import { fromUtf8, utf8, wipeSecrets } from '../../crypto';
import { CcrProtocolError, CcrUsageError } from '../errors';

/** Structured content the SDK seals as UTF-8 JSON (survivor profile, referral packet, mandate details). */
export type JsonObject = { [member: string]: unknown };

/** Free text the SDK seals as UTF-8 (notes, outcome notes, the survivor's own words), or its bytes. */
export type TextContent = string | Uint8Array;

export function jsonBytes(value: JsonObject, what: string): Uint8Array {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CcrUsageError(`${what} must be a JSON object`);
  return utf8(JSON.stringify(value));
}

export function textBytes(value: TextContent, what: string): Uint8Array {
  if (value instanceof Uint8Array) {
    strictUtf8(value, what);
    return value;
  }
  if (typeof value !== 'string') throw new CcrUsageError(`${what} must be text`);
  return utf8(value);
}

/** Decodes an opened JSON body and wipes the bytes (best effort: the parsed strings remain). */
export async function openedJson(body: Uint8Array, requestId: string): Promise<unknown> {
  try {
    return JSON.parse(fromUtf8(body)) as unknown;
  } catch {
    throw new CcrProtocolError(requestId, 'a sealed record that should hold JSON does not');
  } finally {
    await wipeSecrets(body);
  }
}

/** Decodes an opened text body and wipes the bytes. */
export async function openedText(body: Uint8Array, requestId: string): Promise<string> {
  try {
    return fromUtf8(body);
  } catch {
    throw new CcrProtocolError(requestId, 'a sealed record that should hold text is not UTF-8');
  } finally {
    await wipeSecrets(body);
  }
}

function strictUtf8(bytes: Uint8Array, what: string): void {
  try {
    fromUtf8(bytes);
  } catch {
    throw new CcrUsageError(`${what} must be UTF-8 text`);
  }
}
