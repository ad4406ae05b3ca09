import { fromBase64Strict, getSodium, KeystoreError, type Sodium, toBase64 } from '../../crypto';
import type { AgencyPin, PinnedEpoch } from '../directory/pins';

/** The service-account key used for private_key_jwt. Separate from the agency keys (docs/sdk.md). */
export interface ClientKey {
  clientId: string;
  createdAt: string;
  signPublicKey: Uint8Array;
  /** libsodium 64-byte Ed25519 secret key. */
  signSecretKey: Uint8Array;
}

/** The SDK's part of the keystore's opaque `extra`; other members are kept untouched. */
export interface SdkExtra {
  client: ClientKey | undefined;
  pins: Map<string, AgencyPin>;
  /** The epoch a rotation created and has not yet confirmed registered (crash safety). */
  pendingRotation: number | undefined;
  other: Record<string, unknown>;
}

const LAYOUT_MEMBER = 'ccrxSdk';
const LAYOUT_VERSION = 1;

export async function serializeExtra(extra: SdkExtra): Promise<Record<string, unknown>> {
  const sodium = await getSodium();
  const client = extra.client && {
    clientId: extra.client.clientId,
    createdAt: extra.client.createdAt,
    signPublicKey: toBase64(extra.client.signPublicKey),
    // Secret keys go through libsodium's constant-time codec, as the keystore's own do.
    signSecretKey: sodium.to_base64(extra.client.signSecretKey, sodium.base64_variants.ORIGINAL),
  };
  const pins = Object.fromEntries([...extra.pins].sort(([a], [b]) => (a < b ? -1 : 1)));
  return { ...extra.other, [LAYOUT_MEMBER]: LAYOUT_VERSION, client: client ?? null, pins, pendingRotation: extra.pendingRotation ?? null };
}

export async function parseExtra(raw: Record<string, unknown>): Promise<SdkExtra> {
  const { [LAYOUT_MEMBER]: version, client, pins, pendingRotation, ...other } = raw;
  if (version === undefined) return { client: undefined, pins: new Map(), pendingRotation: undefined, other };
  if (version !== LAYOUT_VERSION) invalid(`unsupported SDK keystore layout ${JSON.stringify(version)}`);
  const sodium = await getSodium();
  return {
    client: client === null ? undefined : parseClientKey(sodium, client),
    pins: parsePins(pins),
    pendingRotation: parsePendingRotation(pendingRotation),
    other,
  };
}

function parseClientKey(sodium: Sodium, value: unknown): ClientKey {
  if (!isRecord(value) || typeof value.clientId !== 'string' || typeof value.createdAt !== 'string') invalid('the client key record is malformed');
  const signPublicKey = typeof value.signPublicKey === 'string' ? fromBase64Strict(value.signPublicKey) : undefined;
  let signSecretKey: Uint8Array | undefined;
  try {
    signSecretKey = typeof value.signSecretKey === 'string' ? sodium.from_base64(value.signSecretKey, sodium.base64_variants.ORIGINAL) : undefined;
  } catch {
    signSecretKey = undefined;
  }
  if (signPublicKey?.length !== 32 || signSecretKey?.length !== 64) invalid('the client key has the wrong length');
  if (!sodium.memcmp(sodium.crypto_sign_ed25519_sk_to_pk(signSecretKey), signPublicKey)) invalid('the client key pair does not match');
  return { clientId: value.clientId, createdAt: value.createdAt, signPublicKey, signSecretKey };
}

function parsePins(value: unknown): Map<string, AgencyPin> {
  if (!isRecord(value)) invalid('pins must be an object');
  const pins = new Map<string, AgencyPin>();
  for (const [agencyId, pin] of Object.entries(value)) pins.set(agencyId, parsePin(agencyId, pin));
  return pins;
}

function parsePin(agencyId: string, value: unknown): AgencyPin {
  if (!isRecord(value) || value.agencyId !== agencyId || !Array.isArray(value.epochs) || value.epochs.length === 0) {
    invalid(`the pin of agency ${agencyId} is malformed`);
  }
  if ((value.origin !== 'first_use' && value.origin !== 'fingerprint') || typeof value.pinnedAt !== 'string' || typeof value.updatedAt !== 'string') {
    invalid(`the pin of agency ${agencyId} is malformed`);
  }
  const epochs = value.epochs.map((e: unknown, index: number) => parsePinnedEpoch(agencyId, e, index + 1));
  return { agencyId, epochs, origin: value.origin, pinnedAt: value.pinnedAt, updatedAt: value.updatedAt };
}

function parsePinnedEpoch(agencyId: string, value: unknown, expectedEpoch: number): PinnedEpoch {
  const ok =
    isRecord(value) &&
    value.epoch === expectedEpoch &&
    isKey(value.signPublicKey) &&
    isKey(value.boxPublicKey) &&
    typeof value.createdAt === 'string' &&
    typeof value.fingerprint === 'string';
  if (!ok) invalid(`pinned epoch ${expectedEpoch} of agency ${agencyId} is malformed`);
  const { epoch, signPublicKey, boxPublicKey, createdAt, fingerprint } = value as unknown as PinnedEpoch;
  return { epoch, signPublicKey, boxPublicKey, createdAt, fingerprint };
}

function parsePendingRotation(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 2) invalid('pendingRotation must be an epoch >= 2 or null');
  return value;
}

function isKey(value: unknown): value is string {
  return typeof value === 'string' && fromBase64Strict(value)?.length === 32;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): never {
  throw new KeystoreError('contents_invalid', message);
}
