/**
 * Deterministic agencies and helpers for specs, test vectors and the benchmark. Nothing here is
 * for production use: keys come from public seeds.
 */
import { agencyKeyEpochFromSeeds, type AgencyKeyEpoch } from '../agency-keys';
import { utf8 } from '../bytes';
import { fromBase64Strict, toBase64 } from '../base64';
import { hash32, recordHeader, recordManifest } from '../envelope-pae';
import { sealRecord } from '../envelope-seal';
import type {
  RecipientIdentity,
  SealedRecordV1,
  SealOptions,
  SealRecordInput,
  SigningKeyLookup,
} from '../envelope-types';
import { getSodium, type Sodium } from '../sodium';

export const FIXTURE_CREATED_AT = '2026-11-21T05:37:23.123Z';

export interface FixtureAgency {
  agencyId: string;
  /** Index 0 is epoch 1. */
  epochs: AgencyKeyEpoch[];
}

export function current(agency: FixtureAgency): AgencyKeyEpoch {
  return agency.epochs[agency.epochs.length - 1];
}

/** A lowercase UUID-shaped id derived from a label, so fixtures are stable across runs. */
export function fixtureUuid(sodium: Sodium, label: string): string {
  const hex = sodium.to_hex(sodium.crypto_generichash(16, utf8(`fixture-id/${label}`), null));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function fixtureSeed(sodium: Sodium, label: string): Uint8Array {
  return sodium.crypto_generichash(32, utf8(`fixture-seed/${label}`), null);
}

export async function fixtureAgency(label: string, epochCount = 1): Promise<FixtureAgency> {
  const sodium = await getSodium();
  const agencyId = fixtureUuid(sodium, `agency/${label}`);
  const epochs: AgencyKeyEpoch[] = [];
  for (let epoch = 1; epoch <= epochCount; epoch++) {
    const seeds = { sign: fixtureSeed(sodium, `${label}/sign/${epoch}`), box: fixtureSeed(sodium, `${label}/box/${epoch}`) };
    epochs.push(await agencyKeyEpochFromSeeds(agencyId, epoch, FIXTURE_CREATED_AT, seeds));
  }
  return { agencyId, epochs };
}

export async function fixtureAgencies(count: number, prefix = 'agency'): Promise<FixtureAgency[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => fixtureAgency(`${prefix}-${i}`)));
}

export function identityOf(agency: FixtureAgency): RecipientIdentity {
  return { agencyId: agency.agencyId, boxKeyPair: (epoch) => agency.epochs[epoch - 1]?.box };
}

/** A key directory holding every epoch of the given agencies. */
export function directoryOf(...agencies: FixtureAgency[]): SigningKeyLookup {
  return (agencyId, epoch) => agencies.find((a) => a.agencyId === agencyId)?.epochs[epoch - 1]?.sign.publicKey;
}

export interface FixtureSeal {
  author: FixtureAgency;
  /** Other recipients; each gets a consent id derived from its agency id. */
  others: FixtureAgency[];
  body: Uint8Array;
  label?: string;
  overrides?: Partial<SealRecordInput>;
  options?: SealOptions;
}

export async function fixtureConsentId(agency: FixtureAgency, label = 'consent'): Promise<string> {
  return fixtureUuid(await getSodium(), `${label}/${agency.agencyId}`);
}

export async function fixtureSealInput(spec: FixtureSeal): Promise<SealRecordInput> {
  const sodium = await getSodium();
  const label = spec.label ?? 'record';
  const author = current(spec.author);
  const others = await Promise.all(
    spec.others.map(async (agency) => ({
      agencyId: agency.agencyId,
      epoch: current(agency).epoch,
      consentId: await fixtureConsentId(agency),
      boxPublicKey: current(agency).box.publicKey,
    })),
  );
  return {
    recordId: fixtureUuid(sodium, `${label}/record`),
    caseId: fixtureUuid(sodium, `${label}/case`),
    category: 'safety_plan',
    authorAgencyId: spec.author.agencyId,
    createdAt: FIXTURE_CREATED_AT,
    supersedes: null,
    body: spec.body,
    author: { epoch: author.epoch, signSecretKey: author.sign.privateKey },
    recipients: [
      { agencyId: spec.author.agencyId, epoch: author.epoch, consentId: null, boxPublicKey: author.box.publicKey },
      ...others,
    ],
    ...spec.overrides,
  };
}

export async function fixtureSeal(spec: FixtureSeal): Promise<SealedRecordV1> {
  return sealRecord(await fixtureSealInput(spec), spec.options);
}

/**
 * The manifest of a wire envelope exactly as written, without any validation: lets specs and
 * the vector generator play a malicious author who signs envelopes a reader must still refuse.
 */
export async function manifestOfWire(envelope: SealedRecordV1): Promise<Uint8Array> {
  const sodium = await getSodium();
  const bytes = (text: string) => fromBase64Strict(text) ?? new Uint8Array(0);
  return recordManifest({
    header: recordHeader(envelope),
    nonce: bytes(envelope.nonce),
    ciphertextHash: hash32(sodium, bytes(envelope.ciphertext)),
    keyCommitment: bytes(envelope.keyCommitment),
    signerEpoch: envelope.signerEpoch,
    wraps: envelope.wraps.map((w) => ({ ...w, wrapHash: hash32(sodium, bytes(w.wrap)) })),
  });
}

/** Re-signs a (tampered) envelope with the given Ed25519 secret key. */
export async function resign(envelope: SealedRecordV1, signSecretKey: Uint8Array): Promise<SealedRecordV1> {
  const sodium = await getSodium();
  const signature = sodium.crypto_sign_detached(await manifestOfWire(envelope), signSecretKey);
  return { ...envelope, signature: toBase64(signature) };
}
