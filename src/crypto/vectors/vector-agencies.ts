import { agencyKeyEpochFromSeeds, type AgencyKeyEpoch } from '../agency-keys';
import { utf8 } from '../bytes';
import type { SigningKeyLookup, RecipientIdentity } from '../envelope-types';
import { getSodium } from '../sodium';
import type { VectorAgency } from './vector-types';

export const VECTOR_CREATED_AT = '2026-11-21T05:37:23.123Z';

const AGENCY_IDS: Record<string, string> = {
  police: '1c7d2a9e-4b3f-4e8a-9d21-6f5c0b8e7a34',
  advocacy: '5e0b8f3c-92d1-4a6e-b7c4-1d2e3f4a5b6c',
  prosecution: 'a3f1c6d8-7e2b-4c9d-8a1f-0b2c3d4e5f60',
  probation: 'c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f',
  outsider: 'f0e1d2c3-b4a5-4968-8776-655443322110',
};

/** Seeds are public by construction: BLAKE2b-256 of a label. Police also has a second epoch. */
export async function vectorAgencies(): Promise<VectorAgency[]> {
  const sodium = await getSodium();
  const seed = (label: string, kind: string, epoch: number) =>
    sodium.to_hex(sodium.crypto_generichash(32, utf8(`ccr-exchange test vector seed/${label}/${kind}/${epoch}`), null));
  const agency = (label: string, epoch: number): VectorAgency => {
    const signSeed = seed(label, 'sign', epoch);
    const boxSeed = seed(label, 'box', epoch);
    return {
      label: epoch === 1 ? label : `${label}@${epoch}`,
      agencyId: AGENCY_IDS[label],
      epoch,
      signSeed,
      boxSeed,
      signPublicKey: sodium.to_hex(sodium.crypto_sign_seed_keypair(sodium.from_hex(signSeed)).publicKey),
      boxPublicKey: sodium.to_hex(sodium.crypto_box_seed_keypair(sodium.from_hex(boxSeed)).publicKey),
    };
  };
  return [...Object.keys(AGENCY_IDS).map((label) => agency(label, 1)), agency('police', 2)];
}

export async function keysOf(agency: VectorAgency): Promise<AgencyKeyEpoch> {
  const sodium = await getSodium();
  return agencyKeyEpochFromSeeds(agency.agencyId, agency.epoch, VECTOR_CREATED_AT, {
    sign: sodium.from_hex(agency.signSeed),
    box: sodium.from_hex(agency.boxSeed),
  });
}

/** Key directory over every recorded agency epoch. */
export function vectorDirectory(agencies: readonly VectorAgency[]): SigningKeyLookup {
  return async (agencyId, epoch) => {
    const agency = agencies.find((a) => a.agencyId === agencyId && a.epoch === epoch);
    return agency ? (await keysOf(agency)).sign.publicKey : undefined;
  };
}

export async function vectorIdentity(agency: VectorAgency): Promise<RecipientIdentity> {
  const keys = await keysOf(agency);
  return { agencyId: agency.agencyId, boxKeyPair: (epoch) => (epoch === agency.epoch ? keys.box : undefined) };
}

export function byLabel(agencies: readonly VectorAgency[], label: string): VectorAgency {
  const agency = agencies.find((a) => a.label === label);
  if (!agency) throw new Error(`no vector agency labelled ${label}`);
  return agency;
}
