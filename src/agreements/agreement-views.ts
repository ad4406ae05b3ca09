import { toBase64 } from '../crypto';
import { type AgreementVersionStatus } from './agreement.vocabulary';
import { type AgreementDto, type AgreementVersionDto } from './dto/agreement.dto';
import { type AgreementRow, type AgreementSignatureRow, type AgreementVersionRow } from './agreements.repository';

export interface AgreementView {
  agreement: AgreementRow;
  versions: AgreementVersionRow[];
  signatures: AgreementSignatureRow[];
}

export function versionStatus(agreement: AgreementRow, version: AgreementVersionRow): AgreementVersionStatus {
  if (version.supersededAt !== null) return 'superseded';
  if (version.inForceAt !== null) return 'in_force';
  return version.version === agreement.latestVersion ? 'proposed' : 'lapsed';
}

export function awaitingSignatures(version: AgreementVersionRow, signatures: readonly AgreementSignatureRow[]): string[] {
  const signed = new Set(signatures.filter((each) => each.version === version.version).map((each) => each.agencyId));
  return version.terms.parties.filter((party) => !signed.has(party));
}

export function toAgreementDto(view: AgreementView): AgreementDto {
  const { agreement } = view;
  return {
    id: agreement.id,
    latestVersion: agreement.latestVersion,
    inForceVersion: agreement.inForceVersion,
    versions: view.versions.map((version): AgreementVersionDto => {
      const signatures = view.signatures.filter((each) => each.version === version.version);
      return {
        version: version.version,
        status: versionStatus(agreement, version),
        terms: version.terms,
        proposedByAgencyId: version.proposedByAgencyId,
        proposedAt: version.proposedAt.toISOString(),
        inForceAt: version.inForceAt?.toISOString() ?? null,
        supersededAt: version.supersededAt?.toISOString() ?? null,
        signatures: signatures.map((each) => ({
          agencyId: each.agencyId,
          signerEpoch: each.signerEpoch,
          signature: toBase64(new Uint8Array(each.signature)),
          signedByPrincipalId: each.signedByPrincipalId,
          signedAt: each.signedAt.toISOString(),
        })),
        awaiting: awaitingSignatures(version, view.signatures),
      };
    }),
  };
}
