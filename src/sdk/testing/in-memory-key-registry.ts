/**
 * A key directory in memory that follows the API contract (POST/GET /agencies/:id/keys), for
 * unit tests of pinning, key management and records. It can also be made to lie, like a
 * compromised directory would. Test-only (excluded from the build).
 */
import { type AgencyKeyEpoch, type KeyRegistrationV1, keyFingerprint, signKeyRegistration, verifyKeyRegistration } from '../../crypto';
import type { KeyRegistry, RegisteredEpoch } from '../api/keys-api';
import { CcrApiError } from '../errors';

interface StoredEpoch {
  registration: KeyRegistrationV1;
  retiredAt: string | null;
}

export class InMemoryKeyRegistry implements KeyRegistry {
  readonly epochs = new Map<string, StoredEpoch[]>();
  /** Replace what GET answers for an agency (a lying directory). */
  readonly overrides = new Map<string, unknown>();
  listCalls = 0;
  /** Fail the next register call after storing it (a lost answer). */
  loseNextAnswer = false;

  list(agencyId: string): Promise<unknown> {
    this.listCalls += 1;
    if (this.overrides.has(agencyId)) return Promise.resolve(structuredClone(this.overrides.get(agencyId)));
    return Promise.resolve(listingOf(agencyId, this.epochs.get(agencyId) ?? []));
  }

  async register(registration: KeyRegistrationV1): Promise<{ key: RegisteredEpoch; created: boolean }> {
    const stored = this.epochs.get(registration.agencyId) ?? [];
    const existing = stored.find((e) => e.registration.epoch === registration.epoch);
    if (existing) {
      if (JSON.stringify(existing.registration) !== JSON.stringify(registration)) throw conflict('key-epoch-taken');
      return { key: await registered(registration, existing.retiredAt === null), created: false };
    }
    if (registration.epoch !== stored.length + 1) throw conflict('key-epoch-not-next');
    const previous = stored[stored.length - 1];
    await verifyKeyRegistration(registration, previous ? Buffer.from(previous.registration.signPublicKey, 'base64') : null);
    if (previous) previous.retiredAt = new Date().toISOString();
    stored.push({ registration, retiredAt: null });
    this.epochs.set(registration.agencyId, stored);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new Error('answer lost');
    }
    return { key: await registered(registration, true), created: true };
  }

  /** Registers a whole chain of epochs directly (epoch n signed by epoch n-1). */
  async registerChain(epochs: readonly AgencyKeyEpoch[]): Promise<void> {
    for (const [i, epoch] of epochs.entries()) await this.register(await signKeyRegistration(epoch, epochs[i - 1]?.sign.privateKey));
  }
}

export function listingOf(agencyId: string, stored: readonly StoredEpoch[]): unknown {
  return {
    agencyId,
    currentEpoch: stored.length === 0 ? null : stored.length,
    epochs: stored.map(({ registration, retiredAt }) => ({
      agencyId,
      epoch: registration.epoch,
      signPublicKey: registration.signPublicKey,
      boxPublicKey: registration.boxPublicKey,
      createdAt: registration.createdAt,
      retiredAt,
      registration,
    })),
  };
}

/** A listing of the given epochs (each signed by the one before), as a directory would serve it. */
export async function listingFor(epochs: readonly AgencyKeyEpoch[], rotationSigners?: (Uint8Array | undefined)[]): Promise<unknown> {
  const stored: StoredEpoch[] = [];
  for (const [i, epoch] of epochs.entries()) {
    const signer = rotationSigners ? rotationSigners[i] : epochs[i - 1]?.sign.privateKey;
    stored.push({ registration: await signKeyRegistration(epoch, signer), retiredAt: null });
  }
  return listingOf(epochs[0].agencyId, stored);
}

async function registered(registration: KeyRegistrationV1, current: boolean): Promise<RegisteredEpoch> {
  const keys = { ...registration, signPublicKey: Buffer.from(registration.signPublicKey, 'base64'), boxPublicKey: Buffer.from(registration.boxPublicKey, 'base64') };
  return {
    agencyId: registration.agencyId,
    epoch: registration.epoch,
    signPublicKey: registration.signPublicKey,
    boxPublicKey: registration.boxPublicKey,
    createdAt: registration.createdAt,
    fingerprint: await keyFingerprint(keys),
    current,
  };
}

function conflict(slug: string): CcrApiError {
  return new CcrApiError({ status: 409, type: `urn:ccr-exchange:problem:${slug}`, title: 'Conflict', detail: slug, requestId: 'test' });
}
