import { consentStatus } from '../../consent/policy/consent-status';
import { type LedgerEntryV1 } from '../entry-format';
import { type CosignedCheckpoint } from '../log/checkpoints.service';
import { CheckpointDto, ConsistencyProofDto } from '../log/dto/log.dto';
import { type ConsistencyProof } from '../log/proofs.service';
import { type CaseRow, type ConsentVersionRow, type MandateRow } from './accounting.repository';
import {
  type AccountingDto,
  type AccountingEntryDto,
  type AgencyRefDto,
  type BasisDto,
  type ConsentHistoryDto,
  type DenyInstructionDto,
  type LinkedCaseDto,
  type AccountingMandateDto,
  type VersionFate,
  type VersionFateDto,
} from './dto/accounting.dto';
import { categoryLabel, denyText, describeEntry, fateText, notificationLabel, purposeLabel, reasonText } from './plain-language';

/** One verified entry of the case's chain. */
export interface VerifiedLink {
  index: number;
  leafHash: Buffer;
  bytes: Buffer;
  entry: LedgerEntryV1;
  /** Null when the entry is newer than the receipt. */
  proof: Buffer[] | null;
}

export interface AccountingInputs {
  kase: CaseRow;
  generatedAt: Date;
  links: VerifiedLink[];
  receipt: CosignedCheckpoint | null;
  /** The witnessed checkpoint a fresh receipt extends, with the proof of it. */
  witnessed: { checkpoint: CosignedCheckpoint; consistency: ConsistencyProof } | null;
  origin: string;
  consistency: ConsistencyProof | null;
  /** The log's key transitions (signed notes with their entry index). */
  keyTransitions: { index: number; note: string }[];
  consents: ConsentVersionRow[];
  mandates: MandateRow[];
  linked: { from: CaseRow | null; to: CaseRow[] };
  names: ReadonlyMap<string, string>;
  accountingEntryIndex: number;
}

export const ACCOUNTING_NOTICES = [
  'This accounting lists everything the disclosure log recorded about this case: each time information was shared or refused, each release and its changes, and each time staff opened the records.',
  'Information an agency has already received cannot be taken back. Withdrawing a release stops any further sharing at once.',
  'Each entry comes with a proof that it is in the log, checked against the receipt signed for this accounting. Keep the receipt: the next accounting is checked against it, which shows that nothing listed here was removed or changed since.',
  'Agencies that opened their own case from a referral keep their own records; ask them for their own accounting.',
];

/** The survivor's accounting from verified inputs. Pure: every fact comes from the arguments. */
export function buildAccounting(inputs: AccountingInputs): AccountingDto {
  const ref = (id: string | undefined | null): AgencyRefDto | null => (id ? { id, name: inputs.names.get(id) ?? null } : null);
  const mandates = new Map(inputs.mandates.map((mandate) => [mandate.id, mandate]));
  const entries = inputs.links.map((link) => entryView(link, ref, mandates));
  return {
    format: 'ccr-accounting/v1',
    caseId: inputs.kase.id,
    custodian: ref(inputs.kase.custodianAgencyId) as AgencyRefDto,
    generatedAt: inputs.generatedAt.toISOString(),
    summary: {
      disclosures: entries.filter((entry) => entry.kind === 'disclosure').length,
      compelled: entries.filter((entry) => entry.kind === 'disclosure' && entry.basis?.compelled === true).length,
      refused: entries.filter((entry) => entry.outcome === 'denied').length,
      internalAccess: entries.filter((entry) => entry.kind === 'access').length,
      entries: entries.length,
      pending: entries.filter((entry) => entry.inclusionProof === null).length,
    },
    entries,
    consents: consentHistory(inputs.consents, ref, inputs.generatedAt),
    denyInstructions: denyInstructions(inputs.consents, ref),
    mandates: inputs.mandates.map((mandate) => mandateView(mandate, ref)),
    linkedFrom: inputs.linked.from ? linkedView(inputs.linked.from, ref) : null,
    linkedTo: inputs.linked.to.map((row) => linkedView(row, ref)),
    receipt: inputs.receipt ? CheckpointDto.from(inputs.receipt, inputs.origin) : null,
    witnessed: inputs.witnessed ? { checkpoint: CheckpointDto.from(inputs.witnessed.checkpoint, inputs.origin), consistency: ConsistencyProofDto.from(inputs.witnessed.consistency) } : null,
    consistency: inputs.consistency ? ConsistencyProofDto.from(inputs.consistency) : null,
    logKeyTransitions: inputs.keyTransitions.filter((transition) => !inputs.receipt || transition.index < inputs.receipt.checkpoint.treeSize),
    accountingEntryIndex: inputs.accountingEntryIndex,
    notices: ACCOUNTING_NOTICES,
  };
}

function entryView(link: VerifiedLink, ref: (id?: string | null) => AgencyRefDto | null, mandates: ReadonlyMap<string, MandateRow>): AccountingEntryDto {
  const { entry } = link;
  const actorAgency = ref(entry.actor?.agency);
  const discloser = ref(entry.discloser);
  const recipient = ref(entry.recipient);
  const mandate = entry.basis?.kind === 'mandate' ? mandates.get(entry.basis.mandate) : undefined;
  const name = (agency: AgencyRefDto | null, fallback: string) => agency?.name ?? fallback;
  return {
    index: link.index,
    caseSeq: entry.caseSeq ?? 0,
    time: entry.time,
    kind: entry.kind,
    description: describeEntry(entry, {
      actor: name(actorAgency, 'An agency'),
      recipient: name(recipient, 'another agency'),
      discloser: name(discloser, 'an agency'),
    }),
    actorAgency,
    actorPrincipal: entry.actor?.principal ?? null,
    discloser,
    recipient,
    categories: (entry.categories ?? []).map((code) => ({ code, label: categoryLabel(code) })),
    purpose: entry.purpose ? { code: entry.purpose, label: purposeLabel(entry.purpose) } : null,
    basis: basisView(entry, mandate),
    outcome: entry.outcome ?? null,
    reasonCode: entry.reason ?? null,
    reasonText: reasonText(entry, mandate?.basis),
    leafHash: link.leafHash.toString('base64'),
    bytes: link.bytes.toString('base64'),
    inclusionProof: link.proof ? link.proof.map((hash) => hash.toString('base64')) : null,
  };
}

function basisView(entry: LedgerEntryV1, mandate: MandateRow | undefined): BasisDto | null {
  const basis = entry.basis;
  if (!basis) return null;
  return {
    kind: basis.kind,
    consentId: basis.kind === 'consent' ? basis.consent : null,
    consentVersion: basis.kind === 'consent' ? basis.version : null,
    mandateId: basis.kind === 'mandate' ? basis.mandate : null,
    compelled: basis.kind === 'mandate',
    notification: basis.kind !== 'mandate' ? null : mandate ? notificationView(mandate) : { status: 'pending', notifiedAt: null, reason: null, text: 'The notification status of this order is not recorded on this case.' },
  };
}

function notificationView(mandate: MandateRow): AccountingMandateDto['notification'] {
  return {
    status: mandate.survivorNotification,
    notifiedAt: mandate.survivorNotifiedAt?.toISOString() ?? null,
    reason: mandate.notificationReason,
    text: notificationLabel(mandate.survivorNotification, mandate.survivorNotifiedAt, mandate.notificationReason),
  };
}

function consentHistory(rows: ConsentVersionRow[], ref: (id?: string | null) => AgencyRefDto | null, now: Date): ConsentHistoryDto[] {
  return [...byConsent(rows).values()].map((versions) => {
    const current = versions.find((row) => row.version === row.currentVersion) ?? versions[versions.length - 1];
    return {
      consentId: current.consentId,
      recipient: ref(current.recipientAgencyId) as AgencyRefDto,
      status: consentStatus({ revokedAt: current.revokedAt, validFrom: current.validFrom, validUntil: current.validUntil }, now),
      revokedAt: current.revokedAt?.toISOString() ?? null,
      revocationChannel: current.revocationChannel,
      versions: versions.map((row, i) => ({
        version: row.version,
        categories: row.categories.map((code) => ({ code, label: categoryLabel(code) })),
        actions: row.actions,
        purpose: { code: row.purpose, label: purposeLabel(row.purpose) },
        validFrom: row.validFrom.toISOString(),
        validUntil: row.validUntil.toISOString(),
        captureMode: row.captureMode,
        language: row.language,
        recordedAt: row.recordedAt.toISOString(),
        denyAgencies: row.denyAgencyIds.map((id) => ref(id) as AgencyRefDto),
        fate: versionFate(row, versions[i + 1] ?? null, now),
      })),
    };
  });
}

function byConsent(rows: ConsentVersionRow[]): Map<string, ConsentVersionRow[]> {
  const grouped = new Map<string, ConsentVersionRow[]>();
  for (const row of rows) grouped.set(row.consentId, [...(grouped.get(row.consentId) ?? []), row]);
  return grouped;
}

/**
 * What became of one version, from the data alone: a later version replaced it (amended — or
 * narrowed, when the next one shares no more in any respect and less in some), it ran out before
 * being replaced (expired), the survivor withdrew the release while it was current (revoked), or it
 * is current: in force, not started yet, or expired.
 */
export function versionFate(row: ConsentVersionRow, next: ConsentVersionRow | null, now: Date): VersionFateDto {
  const iso = (date: Date) => date.toISOString();
  if (next) {
    if (row.validUntil <= next.recordedAt) return fate('expired', iso(row.validUntil), null);
    return fate(narrows(row, next) ? 'narrowed' : 'amended', iso(next.recordedAt), next.version);
  }
  if (row.revokedAt) return fate('revoked', iso(row.revokedAt), null);
  if (row.validUntil <= now) return fate('expired', iso(row.validUntil), null);
  if (row.validFrom > now) return fate('not_yet_in_force', iso(row.validFrom), null);
  return fate('in_force', iso(row.validUntil), null);
}

function fate(code: VersionFate, at: string | null, byVersion: number | null): VersionFateDto {
  return { code, at, byVersion, text: fateText(code, at, byVersion) };
}

/** The next version allows nothing this one did not, and forbids something it allowed. */
function narrows(row: ConsentVersionRow, next: ConsentVersionRow): boolean {
  const within = (inner: readonly string[], outer: readonly string[]) => inner.every((each) => outer.includes(each));
  const noWider =
    within(next.categories, row.categories) &&
    within(next.actions, row.actions) &&
    within(row.denyAgencyIds, next.denyAgencyIds) &&
    next.purpose === row.purpose &&
    next.validFrom >= row.validFrom &&
    next.validUntil <= row.validUntil;
  const less =
    next.categories.length < row.categories.length ||
    next.actions.length < row.actions.length ||
    next.denyAgencyIds.length > row.denyAgencyIds.length ||
    next.validFrom > row.validFrom ||
    next.validUntil < row.validUntil;
  return noWider && less;
}

/**
 * The survivor's deny instructions ("never to this agency"), one per agency across the case's
 * releases. As decide() applies them (rule 4): in force while the current version of any release
 * of the case states it, whatever that release's status — revoking a release never re-opens a door
 * she had closed; only an amendment that drops it lifts it.
 */
function denyInstructions(rows: ConsentVersionRow[], ref: (id?: string | null) => AgencyRefDto | null): DenyInstructionDto[] {
  const byAgency = new Map<string, { statedIn: string[]; inForce: boolean }>();
  for (const row of rows) {
    for (const agencyId of row.denyAgencyIds) {
      const instruction = byAgency.get(agencyId) ?? { statedIn: [], inForce: false };
      instruction.statedIn.push(`${row.consentId} v${row.version}`);
      instruction.inForce ||= row.version === row.currentVersion;
      byAgency.set(agencyId, instruction);
    }
  }
  return [...byAgency.entries()].map(([agencyId, { statedIn, inForce }]) => {
    const agency = ref(agencyId) as AgencyRefDto;
    return { agency, inForce, statedIn, text: denyText(agency.name, inForce) };
  });
}

function mandateView(mandate: MandateRow, ref: (id?: string | null) => AgencyRefDto | null): AccountingMandateDto {
  return {
    mandateId: mandate.id,
    recipient: ref(mandate.recipientAgencyId) as AgencyRefDto,
    basis: mandate.basis,
    categories: mandate.categories.map((code) => ({ code, label: categoryLabel(code) })),
    validFrom: mandate.validFrom.toISOString(),
    validUntil: mandate.validUntil?.toISOString() ?? null,
    withdrawnAt: mandate.withdrawnAt?.toISOString() ?? null,
    notification: notificationView(mandate),
  };
}

function linkedView(row: CaseRow, ref: (id?: string | null) => AgencyRefDto | null): LinkedCaseDto {
  return { caseId: row.id, agency: ref(row.custodianAgencyId) as AgencyRefDto, openedAt: row.createdAt.toISOString() };
}
