/**
 * The SDK's portable entry: everything but files and the process environment. It runs in
 * browsers (ESM, libsodium's WebAssembly, Web Crypto, fetch) and in Node; no file here may import
 * a Node built-in (ESLint enforces it, test/unit/sdk-browser-bundle.spec.ts bundles it for browsers).
 * Here AgencyKeystore takes a KeystoreStorage; the Node entry (index.ts) adds files. See docs/sdk.md.
 */
// What holds no key and runs no cryptography (errors, HTTP, the API clients that move no secret,
// vocabularies, pure rules) is the plain entry's, exported here too (decision 0159).
export * from './browser-plain';
export { CcrClient, offlineDirectory, offlineRecords, type ConnectOptions } from './client';
export {
  Credentials,
  PrivateKeyJwtCredentials,
  ClientSecretCredentials,
  PasswordCredentials,
} from './auth/credentials';
export { publicClientJwk, type PublicClientJwk } from './auth/client-assertion';
export { TokenManager } from './auth/token-manager';
export { AgencyKeystore, MIN_PASSPHRASE_LENGTH, type CreateKeystoreOptions } from './keystore/agency-keystore';
export { MemoryKeystoreStorage, type KeystoreStorage } from './keystore/keystore-storage';
export { type Keyring } from './keys/keyring';
export { MemberKeyring, type MyKeysAnswer, type UnlockOptions } from './people/member-keyring';
export { openKeysWithPasskey, passkeyPrfExtension, sealForPasskey } from './people/passkey-unlock';
export type { PasskeyAnswer } from './people/passkey-answer';
export { PersonSession, type PersonSignInOptions, type PersonUnlockOptions } from './people/person-session';
export { enrol, MIN_SECRET_LENGTH, type EnrolOptions, type Enrolled, type SecondFactorSetUp } from './people/enrolment';
export { MembersApi, type MemberAdded, type MemberRemoved, type PersonPublicKeysAnswer } from './people/members-api';
export type { MembersAnswer, MembersRotated, RotateOptions } from './people/member-rotation';
export { makeFirstAgencyKeys, type FirstAgencyKeys } from './people/first-agency-keys';
export { KeyDirectory, type DirectoryEntry, type BoxKey, type KeyListingSource } from './directory/key-directory';
export { checkListingAgainstPin, type PinChange, type PinCheck, type VerifiedEpoch } from './directory/pin-check';
export type { AgencyPin, PinnedEpoch, PinOrigin } from './directory/pins';
export type { AgencyKeysListing, AgencyKeyEpochListing } from './directory/key-listing';
export { KeyManager, type RegistrationOutcome, type RotationOutcome } from './keys/key-manager';
export { RecordCrypto, type SealRequest, type OpenRequestOptions } from './records/record-crypto';
export type { RecipientGrant } from './records/recipients';
export type { Agency } from './api/agencies-api';
export type { WhoAmI } from './api/principals-api';
export { KeysApi, type KeyRegistry, type RegisteredEpoch } from './api/keys-api';
export { CasesApi, type CaseHandle, type OpenCaseOptions, type DeliveredWithBasis } from './api/cases-api';
export { ConsentsApi } from './api/consents-api';
export { AgreementsApi } from './api/agreements-api';
export { MonitoringApi, type MonitoringCountTable, type MonitoringFigures, type MonitoringReport, type MonitoringReportRequest, type MonitoringReportSummary, type MonitoringTimeTable } from './monitoring/monitoring-api';
/** The signed form of an agreement version's terms (every party signs these bytes): the console's key worker signs with it. */
export { agreementTermsV1 } from '../agreements/agreement-terms';
export type { Agreement, AgreementSignature, AgreementTermsInput, AgreementTermsV1, AgreementVersion } from './api/agreement-types';
export type {
  ReleaseTerms,
  ReleaseChanges,
  ConsentRecord,
  ConsentVersion,
  ConsentChange,
  Revocation,
  RevocationEffect,
  RevocationResult,
  RevokeOptions,
  NotRecalled,
} from './api/consent-types';
export { isLanguageTag, TERM_FLAGS, type TermField, type TermsDraft, type TermsProblem } from './api/consent-draft';
export { consentTermsV1, signConsentRevocation, type ConsentTermsV1, type InterpreterTerms } from '../consent/consent-terms';
export type { CaptureMode, ConsentAction, InformedConsentItem, InterpreterAffiliation, NoteCategory, PurposeCode, RevocationChannel } from '../consent/consent.vocabulary';
export type { AgencyKind, ConfidentialityRegime } from '../agencies/agency.vocabulary';
export type { LedgerKind } from '../ledger/ledger.vocabulary';
export { REFERRAL_OUTCOMES, REFERRAL_STATUSES, type ReferralOutcome, type ReferralPriority, type ReferralStatus, type StatusReason } from '../referrals/referral.vocabulary';
export { MandatesApi, type Mandate, type MandateRegistration, type MandateUpdate } from './api/mandates-api';
export { ReferralsApi } from './api/referrals-api';
export type { Referral, ReferralRequest, SentReferral, OpenedReferral, ReferralStatusChange, StatusMove, ReferralListOptions, OutcomeNote } from './api/referral-types';
export { ReferralStatusRefused, type StatusRefusal } from './api/referral-errors';
export { NotesApi } from './api/notes-api';
export { ScreensApi, type NewScreen, type RecordedScreen, type ReadScreen } from './risk/screens-api';
export { TeamsApi, type RiskTeam, type NewRiskTeam, type NewTeamReferral, type NewTeamDecision, type TeamDecision, type TeamReferral } from './risk/teams-api';
export { MeetingsApi, type NewMeeting, type RiskMeeting, type RiskMeetingView, type RiskAction, type RiskContribution, type MeetingNoteInput } from './risk/meetings-api';
export { scoreScreen, bandRank, LAP_ANY_OF_FIRST, LAP_LATER_YES_NEEDED, DASH_HIGH_RISK_TICKS, DASH_MEDIUM_TICKS, ESCALATION_INCIDENTS } from './risk/scoring';
export { INSTRUMENTS, LAP_V1, DASH_V1, DANGER_ASSESSMENT_V1, currentInstrument, findInstrument } from './risk/definitions';
export {
  INSTRUMENT_IDS,
  SCREEN_ANSWERS,
  SCREEN_REASONS,
  type InstrumentId,
  type InstrumentDefinition,
  type ScreenQuestion,
  type ScreenAnswer,
  type ScreenInput,
  type ScreenJudgement,
  type ScreenReason,
  type ScreenResult,
  type DangerWeightTable,
} from './risk/instrument-types';
export { ScreenResultMismatch, NotAScreen, type SealedScreenV1 } from './risk/screen-record';
export { HIGH_RISK_REASONS, type HighRiskReason } from '../risk/risk.vocabulary';
export type { ActionNotDoneReason, ActionStatus, MeetingNoteKind } from '../risk/team/team.vocabulary';
export type { NewNote, Note, NoteRecipient, NoteWithRecipients, WrittenNote, ReadNote, RecordShare } from './api/note-types';
export { WebhooksApi, type Webhook, type WebhookWithSecret, type WebhookDelivery, type WebhookDeliveryStatus } from './api/webhooks-api';
export { EventsApi, type AgencyEvent, type EventPage, type FeedOptions, type FollowOptions } from './api/events-api';
export { noteRecipients, type CaseReleases, type NoteRecipients, type Excluded } from './api/release-policy';
export { AgreementSignatureInvalid, ReleaseNotUsable, ReleaseSignatureInvalid, UnexpectedRecord } from './api/area-errors';
export { isConflict, isIllegalTransition, isNotCovered, isNotFound, isRefused, isVersionConflict, isWrongSide, problemSlug, type NotCovered } from './api/problems';
export { allItems, collect, type Page } from './api/paging';
export type { OpenedFacts } from './api/opened-record';
export type { JsonObject, TextContent } from './api/plaintext';
export type { HttpRequest, HttpResponse, RetryOptions, HttpCoreOptions, Authorizer } from './http/http-types';
export { EnvelopeError, KeyRegistrationError, KeystoreError, PersonKeyError, wipeSecrets } from '../crypto';
export {
  fromBase64Strict,
  generatePersonKeys,
  personKeyFingerprint,
  personUnlockKey,
  publicKeysOf,
  sealMembershipWrap,
  sealPersonEnvelope,
  toBase64,
  type MembershipWrap,
  type PersonKeys,
  type PersonPublicKeys,
} from '../crypto';
export type { SealedRecordV1, DeliveredRecordV1, SharedWrapV1, OpenedRecord } from '../crypto';
