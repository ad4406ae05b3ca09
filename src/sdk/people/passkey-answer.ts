import { PRF_OUTPUT_BYTES } from '../../crypto/prf-output';

/*
 * A passkey answer's shape, without any cryptography: the console's page (which alone may call
 * WebAuthn) uses these, and its script must not carry libsodium (decision 0159).
 */

/** One entry of GET /people/me/passkeys. */
export interface PasskeyAnswer {
  id: string;
  credentialId: string;
  transports: string[];
  /** The passkey envelope (base64), if this passkey unlocks the person's keys. */
  envelope: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The PRF output from a WebAuthn answer's client extension results, or null when the authenticator gave none. */
export function prfOutputOf(clientExtensionResults: unknown): Uint8Array | null {
  const first = (clientExtensionResults as { prf?: { results?: { first?: unknown } } } | null)?.prf?.results?.first;
  if (first instanceof ArrayBuffer) return first.byteLength === PRF_OUTPUT_BYTES ? new Uint8Array(first) : null;
  if (ArrayBuffer.isView(first)) return first.byteLength === PRF_OUTPUT_BYTES ? new Uint8Array(first.buffer, first.byteOffset, first.byteLength) : null;
  return null;
}

/** The WebAuthn answer as the server may see it: every PRF result removed (the server refuses one). */
export function withoutPrfOutput<T extends { clientExtensionResults?: unknown }>(answer: T): T {
  const results = { ...((answer.clientExtensionResults as Record<string, unknown> | undefined) ?? {}) };
  const prf = results.prf as { enabled?: boolean } | undefined;
  if (prf) results.prf = prf.enabled === undefined ? {} : { enabled: prf.enabled };
  return { ...answer, clientExtensionResults: results };
}
