/**
 * The offline verifier (docs/ledger-format.md §11): trust comes from the caller's policy file,
 * never from the server. Used by `ccrx ledger verify` and `ccrx ledger accounting`.
 */
export { type AccountingBundle, type AccountingReport, verifyAccounting } from './accounting-verifier';
export { appendOnlyFailure, noteFromSavedFile, openSavedCheckpoint } from './checkpoint-checks';
export { servedTransitions, type TrustedKeys, trustedKeys } from './key-checks';
export { type CheckpointJson, HttpLedgerClient, type JsonHttp, type LedgerClient, type LogKeysJson } from './ledger-client';
export { type LogReport, type LogVerifyOptions, openLatest, verifyLog, type WitnessedCheckpoint } from './log-verifier';
export { ExportedLedgerClient, exportLedger, type LedgerExport, LedgerExportError, parseLedgerExport } from './ledger-export';
export { bestLocation, describeFailures, type FailureCode, firstBadIndex, type VerificationFailure } from './report';
export { describeLocation, type Location } from './tamper-locator';
export { formatTrustPolicyFile, parseTrustPolicy, readTrustPolicyFile, TrustPolicyError, type TrustPolicyFile, trustPolicyOf, withWitness } from './trust-policy';
