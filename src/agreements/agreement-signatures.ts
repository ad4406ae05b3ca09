import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { verifyAgreementTerms } from '../crypto';
import { currentSignerMaterial } from '../keys/current-signer';
import { KeyDirectoryService } from '../keys/key-directory.service';
import { type AgreementTermsV1 } from './agreement-terms';
import { AgreementSignatureRejectedError } from './agreements.errors';

export interface AgreementSigner {
  agencyId: string;
  signerEpoch: number;
  /** Base64, as sent. */
  signature: string;
}

/**
 * Checks a party's signature over a version's terms against the key directory, as the consent
 * terms are checked (decision 0010): new statements are signed with the agency's CURRENT epoch,
 * share-locked until the caller commits so a rotation cannot slip in between. A signature made
 * with any other key — a forged one — does not verify and is refused.
 */
@Injectable()
export class AgreementSignatures {
  constructor(private readonly keys: KeyDirectoryService) {}

  async verify(manager: EntityManager, signer: AgreementSigner, agreementId: string, version: number, terms: AgreementTermsV1): Promise<Buffer> {
    const material = await currentSignerMaterial(this.keys, manager, { agencyId: signer.agencyId, epoch: signer.signerEpoch, signature: signer.signature });
    if ('field' in material) throw new AgreementSignatureRejectedError(material.field, material.message);
    if (!(await verifyAgreementTerms(agreementId, version, terms, material.signature, material.key))) {
      throw new AgreementSignatureRejectedError('signature', `the signature does not verify over these terms (agreement version ${version}) with your agency's key epoch ${signer.signerEpoch}`);
    }
    return Buffer.from(material.signature);
  }
}
