import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { fromBase64Strict, verifyAgreementTerms } from '../crypto';
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
    const [state] = await this.keys.epochStates([{ agencyId: signer.agencyId, epoch: signer.signerEpoch }], manager, true);
    if (!state) throw new AgreementSignatureRejectedError('signerEpoch', `your agency has no registered key epoch ${signer.signerEpoch}`);
    if (!state.current) throw new AgreementSignatureRejectedError('signerEpoch', `key epoch ${signer.signerEpoch} of your agency has been rotated out; sign with its current epoch`);
    const signature = fromBase64Strict(signer.signature);
    if (!signature || signature.length !== 64) throw new AgreementSignatureRejectedError('signature', 'signature must be a 64-byte Ed25519 signature in base64');
    if (!(await verifyAgreementTerms(agreementId, version, terms, signature, new Uint8Array(state.signPublicKey)))) {
      throw new AgreementSignatureRejectedError('signature', `the signature does not verify over these terms (agreement version ${version}) with your agency's key epoch ${signer.signerEpoch}`);
    }
    return Buffer.from(signature);
  }
}
