import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { verifyConsentTerms } from '../crypto';
import { currentSignerMaterial, type SignerMaterial } from '../keys/current-signer';
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
 * registered CURRENT key (currentSignerMaterial: share-locked until the caller commits).
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

  private async material(manager: EntityManager, by: SignedBy): Promise<SignerMaterial> {
    const material = await currentSignerMaterial(this.keys, manager, by);
    if ('field' in material) throw new SignatureRejectedError(material.field, material.message);
    return material;
  }
}
