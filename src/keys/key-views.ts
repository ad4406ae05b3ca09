import { keyFingerprint, toBase64 } from '../crypto';
import { type AgencyKeyEntity } from './entities/agency-key.entity';

/** One registered epoch as the service hands it out (keys in the crypto wire format: base64). */
export interface AgencyKeyView {
  agencyId: string;
  epoch: number;
  signPublicKey: string;
  boxPublicKey: string;
  createdAt: string;
  retiredAt: Date | null;
  fingerprint: string;
  registration: Record<string, unknown>;
}

export interface AgencyKeysView {
  agencyId: string;
  currentEpoch: number | null;
  epochs: AgencyKeyView[];
}

export async function toKeyView(row: AgencyKeyEntity): Promise<AgencyKeyView> {
  const signPublicKey = new Uint8Array(row.signPublicKey);
  const boxPublicKey = new Uint8Array(row.boxPublicKey);
  return {
    agencyId: row.agencyId,
    epoch: row.epoch,
    signPublicKey: toBase64(signPublicKey),
    boxPublicKey: toBase64(boxPublicKey),
    createdAt: row.createdAt,
    retiredAt: row.retiredAt,
    fingerprint: await keyFingerprint({ agencyId: row.agencyId, epoch: row.epoch, signPublicKey, boxPublicKey }),
    registration: row.registration,
  };
}
