import type { AgreementTermsInput, AgreementTermsV1 } from '../../agreements/agreement-terms';
import type { AgreementVersionStatus } from '../../agreements/agreement.vocabulary';

export type { AgreementTermsInput, AgreementTermsV1 };

export interface AgreementSignature {
  agencyId: string;
  signerEpoch: number;
  signature: string;
  signedByPrincipalId: string;
  signedAt: string;
}

export interface AgreementVersion {
  version: number;
  status: AgreementVersionStatus;
  terms: AgreementTermsV1;
  proposedByAgencyId: string;
  proposedAt: string;
  inForceAt: string | null;
  supersededAt: string | null;
  signatures: AgreementSignature[];
  awaiting: string[];
}

export interface Agreement {
  id: string;
  latestVersion: number;
  inForceVersion: number | null;
  versions: AgreementVersion[];
}
