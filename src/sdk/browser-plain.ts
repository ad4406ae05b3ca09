/**
 * The SDK's plain browser entry: the part of src/sdk/browser.ts that holds no key and runs no
 * cryptography — HTTP, errors, API clients that move no secret, vocabularies and pure rules. It
 * never reaches libsodium or OPAQUE (test/unit/sdk-browser-bundle.spec.ts bundles it to check),
 * so a page that keeps its keys in a worker, as the console does, does not download their
 * WebAssembly twice (decision 0159). The browser entry re-exports all of it.
 */
export * from './errors';
export { HttpCore } from './http/http-core';
export { apiPath } from './http/api-path';
export { AgenciesApi } from './api/agencies-api';
export { PrincipalsApi } from './api/principals-api';
export { prfOutputOf, withoutPrfOutput } from './people/passkey-answer';
export { decideUnderRelease } from './api/release-policy';
export { draftProblems, fieldOfFlag, REQUIRED_TERMS } from './api/consent-draft';
/** The monitoring figures as the CLI's CSV: the console exports the same file. */
export { figuresCsv as monitoringCsv } from '../monitoring/render/csv';
export {
  CAPTURE_MODES,
  CONSENT_ACTIONS,
  INFORMED_CONSENT_ITEMS,
  INTERPRETER_AFFILIATIONS,
  NOTE_CATEGORIES,
  PURPOSE_CODES,
  REVOCATION_CHANNELS,
  SHAREABLE_NOTE_CATEGORIES,
} from '../consent/consent.vocabulary';
export { LEDGER_KINDS } from '../ledger/ledger.vocabulary';
export { REFERRAL_PRIORITIES, STATUS_REASONS } from '../referrals/referral.vocabulary';
export { ACTION_NOT_DONE_REASONS } from '../risk/team/team.vocabulary';
export { AGENCY_KINDS, CONFIDENTIALITY_REGIMES } from '../agencies/agency.vocabulary';
