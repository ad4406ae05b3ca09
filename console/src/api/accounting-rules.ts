import type { LedgerKind } from '../../../src/sdk/browser';

/**
 * The survivor's accounting as the console reads it (GET /cases/{id}/accounting, JSON): the parts
 * the screens show, and the rules over them, in one plain module with unit tests.
 */
export interface AgencyRef {
  id: string;
  name: string | null;
}

export interface AccountingEntryView {
  index: number;
  caseSeq: number;
  time: string;
  kind: string;
  actorAgency: AgencyRef | null;
  discloser: AgencyRef | null;
  recipient: AgencyRef | null;
  categories: { code: string }[];
  purpose: { code: string } | null;
  basis: { kind: string; consentId: string | null; consentVersion: number | null; compelled: boolean } | null;
  outcome: string | null;
}

export interface AccountingView {
  caseId: string;
  custodian: AgencyRef;
  generatedAt: string;
  summary: { disclosures: number; compelled: number; refused: number; internalAccess: number; entries: number; pending: number };
  entries: AccountingEntryView[];
  consents: { consentId: string; recipient: AgencyRef; status: string }[];
}

/** The kinds the plain-language catalogue words (each a kind of the log's vocabulary); any other is "other record-keeping". */
export const WORDED_KINDS = [
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
  'referral_sent',
  'referral_status_changed',
  'accounting_provided',
  'high_risk_flag_set',
  'high_risk_flag_cleared',
] as const satisfies readonly LedgerKind[];
export type WordedKind = (typeof WORDED_KINDS)[number];

export function wordedKind(kind: string): WordedKind | 'other' {
  return (WORDED_KINDS as readonly string[]).includes(kind) ? (kind as WordedKind) : 'other';
}

/** Who took part, by name: the discloser and recipient of a disclosure, else the acting agency. */
export function partiesOf(entry: AccountingEntryView): { from: string; to: string | null } {
  const name = (agency: AgencyRef | null) => agency?.name ?? '—';
  if (entry.recipient && entry.discloser) return { from: name(entry.discloser), to: name(entry.recipient) };
  return { from: name(entry.actorAgency ?? entry.discloser), to: entry.recipient ? name(entry.recipient) : null };
}

export interface AlreadyDisclosed {
  time: string;
  categories: string[];
  index: number;
}

/**
 * What a revocation cannot recall: every permitted disclosure to the release's recipient under
 * this release, from the case's log. Revoking stops what comes next; these were delivered already.
 */
export function alreadyDisclosed(accounting: Pick<AccountingView, 'entries'>, consentId: string, recipientAgencyId: string): AlreadyDisclosed[] {
  return accounting.entries
    .filter((entry) => entry.kind === 'disclosure' && entry.outcome === 'permitted' && entry.recipient?.id === recipientAgencyId && entry.basis?.consentId === consentId)
    .map((entry) => ({ time: entry.time, categories: entry.categories.map((category) => category.code), index: entry.index }));
}
