import { agreementTermsV1, type AgreementTermsInput, type AgreementTermsV1 } from '../../agreements/agreement-terms';
import { fromBase64Strict, signAgreementTerms, type SigningKeyLookup, toBase64, verifyAgreementTerms } from '../../crypto';
import { CcrUsageError } from '../errors';
import { apiPath } from '../http/api-path';
import { newRecordId } from '../ids';
import type { AreaContext } from './area-context';
import { AgreementSignatureInvalid } from './area-errors';
import type { Agreement, AgreementVersion } from './agreement-types';
import { requireUuid } from './validate';

/**
 * Working agreements between agencies (docs/agreements.md). Every version is signed here with this
 * agency's current key over AgreementTermsV1; before signing a version another party proposed,
 * and on verify(), every party's signature is checked against the verified key directory — so
 * the server can neither alter terms nor claim a signature a party never gave.
 */
export class AgreementsApi {
  constructor(
    private readonly context: AreaContext,
    private readonly signingKeys: () => SigningKeyLookup,
  ) {}

  /** Proposes version 1 (this agency signs it); the other parties then sign() it. */
  async propose(terms: AgreementTermsInput, options: { agreementId?: string } = {}): Promise<Agreement> {
    const agreementId = options.agreementId === undefined ? newRecordId() : requireUuid(options.agreementId, 'agreementId');
    const signed = agreementTermsV1(terms);
    const body = { agreementId, terms: withoutVersion(signed), ...(await this.signature(agreementId, 1, signed)) };
    return (await this.context.http.request<Agreement>({ method: 'POST', path: apiPath`/agreements`, json: body })).body;
  }

  /** Proposes the next version; it replaces the one in force once every party has signed it. */
  async proposeVersion(agreementId: string, terms: AgreementTermsInput): Promise<Agreement> {
    const current = await this.get(agreementId);
    const version = current.latestVersion + 1;
    const signed = agreementTermsV1(terms);
    const body = { version, terms: withoutVersion(signed), ...(await this.signature(current.id, version, signed)) };
    return (await this.context.http.request<Agreement>({ method: 'POST', path: apiPath`/agreements/${current.id}/versions`, json: body })).body;
  }

  /**
   * Signs a proposed version as shown, after checking the signatures it already carries (the
   * proposer's at least): a version the server altered is refused with AgreementSignatureInvalid.
   */
  async sign(agreementId: string, version: number): Promise<Agreement> {
    const agreement = await this.get(agreementId);
    const target = agreement.versions.find((each) => each.version === version);
    if (!target) throw new CcrUsageError(`agreement ${agreement.id} has no version ${version}`);
    await this.verifyVersion(agreement.id, target);
    const body = await this.signature(agreement.id, version, agreementTermsV1(target.terms));
    return (await this.context.http.request<Agreement>({ method: 'POST', path: apiPath`/agreements/${agreement.id}/versions/${version}/signatures`, json: body })).body;
  }

  async get(agreementId: string): Promise<Agreement> {
    return (await this.context.http.request<Agreement>({ method: 'GET', path: apiPath`/agreements/${requireUuid(agreementId, 'agreementId')}` })).body;
  }

  async list(): Promise<Agreement[]> {
    return (await this.context.http.request<Agreement[]>({ method: 'GET', path: apiPath`/agreements` })).body;
  }

  /** Checks every signature of every version against the key directory; throws AgreementSignatureInvalid. */
  async verify(agreement: Agreement): Promise<Agreement> {
    for (const version of agreement.versions) await this.verifyVersion(agreement.id, version);
    return agreement;
  }

  private async verifyVersion(agreementId: string, version: AgreementVersion): Promise<void> {
    const lookup = this.signingKeys();
    const terms = agreementTermsV1(version.terms);
    for (const signature of version.signatures) {
      const key = await lookup(signature.agencyId, signature.signerEpoch);
      const bytes = fromBase64Strict(signature.signature);
      const valid = key && bytes?.length === 64 && terms.parties.includes(signature.agencyId) && (await verifyAgreementTerms(agreementId, version.version, terms, bytes, key));
      if (!valid) throw new AgreementSignatureInvalid(agreementId, version.version, signature.agencyId);
    }
    const inForce = version.status === 'in_force' || version.status === 'superseded';
    if (inForce && terms.parties.some((party) => !version.signatures.some((each) => each.agencyId === party))) {
      throw new AgreementSignatureInvalid(agreementId, version.version, terms.parties.find((party) => !version.signatures.some((each) => each.agencyId === party)) ?? '');
    }
  }

  private async signature(agreementId: string, version: number, terms: AgreementTermsV1): Promise<{ signerEpoch: number; signature: string }> {
    const current = this.context.keystore().current;
    return { signerEpoch: current.epoch, signature: toBase64(await signAgreementTerms(agreementId, version, terms, current.sign.privateKey)) };
  }
}

function withoutVersion(terms: AgreementTermsV1): Omit<AgreementTermsV1, 'v'> {
  const { v: _v, ...rest } = terms;
  return rest;
}
