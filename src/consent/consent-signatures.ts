import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { fromBase64Strict, verifyConsentTerms } from '../crypto';
import { KeyDirectoryService } from '../keys/key-directory.service';
import { SignatureRejectedError } from './consent.errors';
import { type RevocationChannel } from './consent.vocabulary';
import { type ConsentTermsV1, verifyConsentRevocation } from './consent-terms';

export interface SignedBy {
  agencyId: string;
  epoch: number;
  /** Base64, as sent. */
  signature: string;
}

/**
 * Checks the custodian agency's signatures over consent terms and revocations against its
 * registered key. New statements must be signed with the agency's CURRENT epoch: a retired key
 * may have been rotated out because it was exposed. The key row is share-locked until the
 * caller commits, so a rotation cannot slip between this check and the store.
 */
@Injectable()
export class ConsentSignatures {
  constructor(private readonly keys: KeyDirectoryService) {}

  async verifyTerms(manager: EntityManager, by: SignedBy, consentId: string, version: number, terms: ConsentTermsV1): Promise<Buffer> {
    const { key, signature } = await this.material(manager, by);
    if (!(await verifyConsentTerms(consentId, version, terms, signature, key))) {
      throw new SignatureRejectedError('signature', `the signature does not verify over these terms (consent version ${version}) with your agency's key epoch ${by.epoch}`);
    }
    return Buffer.from(signature);
  }

  async verifyRevocation(manager: EntityManager, by: SignedBy, consentId: string, version: number, channel: RevocationChannel): Promise<Buffer> {
    const { key, signature } = await this.material(manager, by);
    if (!(await verifyConsentRevocation(consentId, version, channel, signature, key))) {
      throw new SignatureRejectedError('signature', `the signature does not verify over this revocation (consent version ${version}) with your agency's key epoch ${by.epoch}`);
    }
    return Buffer.from(signature);
  }

  private async material(manager: EntityManager, by: SignedBy): Promise<{ key: Uint8Array; signature: Uint8Array }> {
    const [state] = await this.keys.epochStates([{ agencyId: by.agencyId, epoch: by.epoch }], manager, true);
    if (!state) throw new SignatureRejectedError('signerEpoch', `your agency has no registered key epoch ${by.epoch}`);
    if (!state.current) throw new SignatureRejectedError('signerEpoch', `key epoch ${by.epoch} of your agency has been rotated out; sign with its current epoch`);
    const signature = fromBase64Strict(by.signature);
    if (!signature || signature.length !== 64) throw new SignatureRejectedError('signature', 'signature must be a 64-byte Ed25519 signature in base64');
    return { key: new Uint8Array(state.signPublicKey), signature };
  }
}
