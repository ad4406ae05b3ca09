import { REVOCATION_CHANNELS } from '../../consent/consent.vocabulary';
import { apiPath } from '../http/api-path';
import { newRecordId } from '../ids';
import type { AreaContext } from './area-context';
import { ReleaseSignatureInvalid } from './area-errors';
import { amendedFields, type Parties, signedTerms, signRevocation, signTerms, termsBody, termsFields, type TermsFields, versionSignedByUs } from './consent-signing';
import type { ConsentChange, ConsentRecord, ReleaseChanges, ReleaseTerms, RevocationResult, RevokeOptions } from './consent-types';
import { type TextContent, textBytes } from './plaintext';
import { sendRepeatable } from './repeat-recovery';
import { oneOf, requireUuid } from './validate';

/**
 * The survivor's releases, recorded by her advocate's agency (the custodian). Every version is
 * signed here with the agency's key over ConsentTermsV1, and the survivor's own words are sealed
 * for the agency alone; the server stores what it can verify and can alter none of it.
 */
export class ConsentsApi {
  constructor(private readonly context: AreaContext) {}

  /** Records version 1. The id is chosen and signed here, so a lost answer is safely repeated. */
  async record(caseId: string, terms: ReleaseTerms): Promise<ConsentChange> {
    const consentId = terms.consentId === undefined ? newRecordId() : requireUuid(terms.consentId, 'consentId');
    const parties: Parties = { caseId: requireUuid(caseId, 'caseId'), custodianAgencyId: this.context.agencyId, recipientAgencyId: requireUuid(terms.recipientAgencyId, 'recipientAgencyId') };
    const fields = termsFields(terms);
    const words = await this.sealWords(caseId, terms.survivorWords);
    const signed = await signTerms(this.context.keystore(), consentId, 1, signedTerms(parties, fields, words?.recordId ?? null));
    const body = { ...termsBody(fields, signed), consentId, recipientAgencyId: parties.recipientAgencyId, terms: words };
    const send = async () => (await this.context.http.request<ConsentChange>({ method: 'POST', path: apiPath`/cases/${caseId}/consents`, json: body, safeToRepeat: true })).body;
    return sendRepeatable(send, 'consent-exists', () => this.storedBy(consentId, 1, signed.signature));
  }

  /** Signs version n+1: the current terms with `changes` applied (new words, or the current ones kept). */
  async amend(consentId: string, changes: ReleaseChanges): Promise<ConsentChange> {
    const consent = await this.get(consentId);
    // A stale expectedVersion is signed as such: the API answers 409 consent-version-conflict.
    const version = (changes.expectedVersion ?? consent.currentVersion) + 1;
    const fields: TermsFields = amendedFields(consent.current, changes);
    const words = await this.sealWords(consent.caseId, changes.survivorWords);
    const terms = signedTerms(consent, fields, words?.recordId ?? consent.current.termsRecordId);
    const signed = await signTerms(this.context.keystore(), consent.id, version, terms);
    const body = { ...termsBody(fields, signed), version, terms: words };
    const send = async () => (await this.context.http.request<ConsentChange>({ method: 'POST', path: apiPath`/consents/${consent.id}/versions`, json: body, safeToRepeat: true })).body;
    return sendRepeatable(send, 'consent-version-conflict', () => this.storedBy(consent.id, version, signed.signature));
  }

  /**
   * Revokes at once, on the survivor's word, signed by this agency (unless `signed: false`).
   * The answer lists what the cascade did and what the recipient already read (not recalled).
   * Not repeated automatically: after a network error, get() tells whether it took effect.
   */
  async revoke(consentId: string, options: RevokeOptions): Promise<RevocationResult> {
    const channel = oneOf(options.channel, REVOCATION_CHANNELS, 'channel');
    const consent = await this.get(consentId);
    const signature = options.signed === false ? {} : await signRevocation(this.context.keystore(), consent.id, consent.currentVersion, channel);
    return (await this.context.http.request<RevocationResult>({ method: 'POST', path: apiPath`/consents/${consent.id}/revocation`, json: { channel, ...signature } })).body;
  }

  async list(caseId: string): Promise<ConsentRecord[]> {
    return (await this.context.http.request<ConsentRecord[]>({ method: 'GET', path: apiPath`/cases/${requireUuid(caseId, 'caseId')}/consents` })).body;
  }

  async get(consentId: string): Promise<ConsentRecord> {
    return (await this.context.http.request<ConsentRecord>({ method: 'GET', path: apiPath`/consents/${requireUuid(consentId, 'consentId')}` })).body;
  }

  /** Checks every version of a release against this agency's own keys; throws ReleaseSignatureInvalid otherwise. */
  async verify(consent: ConsentRecord): Promise<ConsentRecord> {
    for (const version of consent.versions) {
      if (!(await versionSignedByUs(this.context.keystore(), consent, version))) throw new ReleaseSignatureInvalid(consent.id, version.version);
    }
    return consent;
  }

  private async sealWords(caseId: string, words: TextContent | undefined) {
    if (words === undefined) return undefined;
    return this.context.records().seal({ caseId, category: 'consent_terms', body: textBytes(words, "the survivor's words") });
  }

  /** A repeat that met its own first attempt: the stored version carries exactly this call's signature. */
  private async storedBy(consentId: string, version: number, signature: string): Promise<ConsentChange | undefined> {
    const stored = await this.get(consentId);
    const ours = stored.versions.find((each) => each.version === version)?.signature === signature;
    return ours ? { ...stored, wrapsWithdrawn: [], replayed: true } : undefined;
  }
}
