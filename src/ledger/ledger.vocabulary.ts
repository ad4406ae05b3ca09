/**
 * Kinds of disclosure-log entries. `disclosure` and `access` are written only by the database
 * function that hands out ciphertext (ccr_open_record); every other kind by the service that
 * performed the act, in the same transaction.
 */
export const LEDGER_KINDS = [
  'disclosure',
  'access',
  'denied',
  'case_opened',
  'record_stored',
  'wraps_added',
  'wraps_deleted',
  'consent_recorded',
  'consent_amended',
  'consent_revoked',
  'mandate_registered',
  'mandate_updated',
  'key_registered',
  'referral_sent',
  'referral_status_changed',
  'ledger_read',
  'accounting_provided',
  'witness_registered',
  'log_key_transition',
  'person_enrolled',
  'person_recovered',
  'high_risk_flag_set',
  'high_risk_flag_cleared',
  'agreement_proposed',
  'agreement_signed',
  'agreement_in_force',
  'referral_due_soon',
  'referral_overdue',
  'member_added',
  'member_removed',
  'passkey_registered',
  'passkey_removed',
  'members_rewrapped',
  'person_recovery_started',
  'team_case_referred',
  'team_shared_without_consent',
  'team_decision_recorded',
  'team_action_updated',
  'team_action_overdue',
  'team_action_taken',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** The actor of an entry: who did it, for which agency, in which roles. Ids only, never names. */
export interface LedgerActor {
  principal: string;
  agency: string;
  roles: readonly string[];
}

export type LedgerBasis =
  | { kind: 'custodian' }
  | { kind: 'consent'; consent: string; version: number }
  | { kind: 'mandate'; mandate: string };

/**
 * The fields of an entry (docs/ledger-format.md). No plaintext and no names: ids, codes, times.
 * `detail` holds kind-specific codes (e.g. a referral's old and new status).
 */
export interface LedgerFields {
  actor?: LedgerActor;
  discloser?: string;
  recipient?: string;
  case?: string;
  records?: readonly string[];
  categories?: readonly string[];
  purpose?: string;
  basis?: LedgerBasis;
  outcome?: 'permitted' | 'denied';
  reason?: string;
  requestId?: string;
  detail?: Record<string, string | number | boolean | null | readonly string[]>;
}
