import { CcrError } from '../errors';

/**
 * The SDK refused on its own side, before anything was sealed or sent: the release named is not
 * one this agency may disclose under now (revoked, expired, another recipient, not covering the
 * category). Forward exclusion: a client never wraps a key for a release that ended.
 */
export class ReleaseNotUsable extends CcrError {
  constructor(
    /** The release named, or null when none was (the SDK looked for one). */
    readonly consentId: string | null,
    /** The policy reason code (docs/consent-model.md §5) or `consent_mismatch`. */
    readonly reason: string,
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * A release the server listed for this agency's case does not carry a valid signature of this
 * agency's own key over its terms: the server (or the database behind it) altered or invented it.
 * Nothing was sealed. Report it to the CCR administrators.
 */
export class ReleaseSignatureInvalid extends CcrError {
  constructor(
    readonly consentId: string,
    readonly version: number,
  ) {
    super(`release ${consentId} version ${version} is not signed by this agency's key over the terms the server shows: nothing was sealed`);
  }
}

/**
 * A record the server delivered verified cryptographically but is not the one asked for (another
 * case, category, author or version): a substitution. Nothing from it is returned.
 */
export class UnexpectedRecord extends CcrError {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`the server delivered a record whose ${field} is not ${expected}: refused`);
  }
}

/**
 * An agreement version the server shows carries a signature that does not verify over its terms
 * with the signing party's key from the (pinned) key directory, or names a party that has not
 * signed while claiming to be in force: the server altered or invented it. Nothing was signed.
 */
export class AgreementSignatureInvalid extends CcrError {
  constructor(
    readonly agreementId: string,
    readonly version: number,
    readonly agencyId: string,
  ) {
    super(`agreement ${agreementId} version ${version}: the signature of agency ${agencyId} does not verify over the terms the server shows`);
  }
}
