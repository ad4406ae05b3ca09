import { type LedgerEntryV1 } from '../../ledger/entry-format';
import { bucketOf, inPeriod } from './buckets';
import {
  AGREEMENT_STEPS,
  DEFINITIONS_VERSION,
  type DefinitionsVersion,
  type FigureParameters,
  HANDOFF_COLUMNS,
  type HandoffColumn,
  HIGH_RISK_COLUMNS,
  MANDATE_COLUMNS,
  REFERRAL_COLUMNS,
  REFERRAL_STEPS,
  RELEASE_COLUMNS,
  UNKNOWN_KIND,
} from './catalogue';
import { applyStatusChange, isOpen, startReferral, stepMetAt, type TrackedReferral } from './referral-tracker';
import { minutesBetween, summarize } from './stats';
import { CountGrid, type CountTable, TimeGrid, type TimeTable } from './tables';
import { TeamTracker } from './team-tracker';

/** Every exact figure of a report (before suppression and noise). */
export interface ExactFigures {
  definitions: DefinitionsVersion;
  treeSize: number;
  asOf: string | null;
  parameters: FigureParameters;
  counts: CountTable[];
  times: TimeTable[];
}

/** Acts counted against the agency that did them, per grid, bucket and column: kinds are resolved at the end. */
type AgencyCounts = Map<CountGrid, Map<string, number>>;

const SEPARATOR = '\u0000';

interface ConsentLife {
  agency: string;
  validUntil: string | null;
  revokedAt: string | null;
}

/**
 * Gathers the figures of docs/monitoring.md from log entries, one at a time, in log order. The
 * API and `ccrx monitoring verify` feed it the same entries and must get the same figures.
 */
export class FigureAccumulator {
  private readonly kinds = new Map<string, string>();
  private readonly referrals = new Map<string, TrackedReferral>();
  private readonly consents = new Map<string, ConsentLife>();
  private readonly noticed = new Set<string>();
  // Aggregated as they come: a year's log holds far more acts than (bucket, agency, column) keys.
  private readonly events: AgencyCounts = new Map();
  private readonly releases = new CountGrid('releases', RELEASE_COLUMNS);
  private readonly refusalReasons = new Set<string>();
  private readonly mandates = new CountGrid('mandates', MANDATE_COLUMNS);
  private readonly highRisk = new CountGrid('high_risk', HIGH_RISK_COLUMNS);
  private readonly refusalEvents: { bucket: string; agency: string; reason: string }[] = [];
  /** Version 1 has no team figures and reads agency kinds from referrals only: it stays as it was. */
  private readonly team: TeamTracker | null;
  private entries = 0;
  private last: string | null = null;

  constructor(
    private readonly parameters: FigureParameters,
    private readonly definitions: DefinitionsVersion = DEFINITIONS_VERSION,
  ) {
    this.team = definitions === 'ccr-monitoring/1' ? null : new TeamTracker();
  }

  add(entry: LedgerEntryV1): void {
    this.entries += 1;
    this.last = entry.time;
    this.team?.add(entry, this.kinds);
    switch (entry.kind) {
      case 'referral_sent':
        return this.sent(entry);
      case 'referral_status_changed':
        return this.statusChanged(entry);
      case 'consent_recorded':
      case 'consent_amended':
        return this.consent(entry);
      case 'consent_revoked':
        return this.revoked(entry);
      case 'denied':
        return this.denied(entry);
      case 'mandate_registered':
      case 'mandate_updated':
        return this.mandate(entry);
      case 'disclosure':
        if (entry.basis?.kind === 'mandate') this.event(this.mandates, entry, entry.discloser, 'used');
        return;
      case 'high_risk_flag_set':
        return this.event(this.highRisk, entry, entry.actor?.agency, `set:${String(entry.detail?.reason)}`);
      case 'high_risk_flag_cleared':
        return this.event(this.highRisk, entry, entry.actor?.agency, 'cleared');
    }
  }

  finish(): ExactFigures {
    const { counts, times } = this.referralFigures();
    this.expiries();
    for (const [grid, counts] of this.events) {
      for (const [key, count] of counts) {
        const [bucket, agency, column] = key.split(SEPARATOR);
        if (this.concerns(agency)) grid.add(bucket, this.groupOf(agency), column, count);
      }
    }
    const refusals = new CountGrid('refusals', [...this.refusalReasons].sort());
    for (const refusal of this.refusalEvents) if (this.concerns(refusal.agency)) refusals.add(refusal.bucket, this.groupOf(refusal.agency), refusal.reason);
    counts.push(...this.releases.tables(), ...refusals.tables(), ...this.mandates.tables(), ...this.highRisk.tables());
    if (this.team) {
      counts.push(...this.team.tables(this.parameters, this.last ?? '', (agency) => this.concerns(agency), (agency) => this.groupOf(agency)));
    }
    return { definitions: this.definitions, treeSize: this.entries, asOf: this.last, parameters: { ...this.parameters }, counts, times };
  }

  private sent(entry: LedgerEntryV1): void {
    const referral = startReferral(entry);
    if (!referral) return;
    const detail = entry.detail ?? {};
    if (typeof detail.fromKind === 'string' && detail.fromKind !== '') this.kinds.set(referral.fromAgency, detail.fromKind);
    if (typeof detail.toKind === 'string' && detail.toKind !== '') this.kinds.set(referral.toAgency, detail.toKind);
    this.referrals.set(referral.id, referral);
  }

  private statusChanged(entry: LedgerEntryV1): void {
    const referral = this.referrals.get(String(entry.detail?.referral));
    if (referral) applyStatusChange(referral, entry);
  }

  private consent(entry: LedgerEntryV1): void {
    if (entry.basis?.kind !== 'consent' || !entry.actor) return;
    const id = entry.basis.consent;
    const life = this.consents.get(id) ?? { agency: entry.actor.agency, validUntil: null, revokedAt: null };
    life.validUntil = typeof entry.detail?.validUntil === 'string' ? entry.detail.validUntil : life.validUntil;
    this.consents.set(id, life);
    this.event(this.releases, entry, entry.actor.agency, entry.kind === 'consent_recorded' ? 'recorded' : 'amended');
  }

  private revoked(entry: LedgerEntryV1): void {
    if (entry.basis?.kind !== 'consent') return;
    const life = this.consents.get(entry.basis.consent);
    if (life) life.revokedAt ??= entry.time;
    this.event(this.releases, entry, entry.actor?.agency, 'revoked');
  }

  private denied(entry: LedgerEntryV1): void {
    if (!entry.reason || !entry.actor || !inPeriod(entry.time, this.parameters.from, this.parameters.to)) return;
    this.refusalReasons.add(entry.reason);
    this.refusalEvents.push({ bucket: bucketOf(entry.time, this.parameters.bucket), agency: entry.actor.agency, reason: entry.reason });
  }

  private mandate(entry: LedgerEntryV1): void {
    const detail = entry.detail ?? {};
    const agency = entry.actor?.agency;
    if (entry.kind === 'mandate_registered') this.event(this.mandates, entry, agency, `registered:${String(detail.basis)}`);
    const notification = detail.survivorNotification;
    const mandate = entry.basis?.kind === 'mandate' ? entry.basis.mandate : null;
    if (mandate === null || typeof notification !== 'string') return;
    const column = notification === 'notified' ? 'notice_given' : notification === 'delayed' || notification === 'withheld' ? 'notice_delayed_or_withheld' : null;
    if (column === null || this.noticed.has(`${mandate}:${column}`)) return;
    this.noticed.add(`${mandate}:${column}`);
    this.event(this.mandates, entry, agency, column);
  }

  private event(grid: CountGrid, entry: LedgerEntryV1, agency: string | undefined, column: string): void {
    if (agency === undefined || !inPeriod(entry.time, this.parameters.from, this.parameters.to)) return;
    this.count(grid, bucketOf(entry.time, this.parameters.bucket), agency, column);
  }

  private count(grid: CountGrid, bucket: string, agency: string, column: string): void {
    let counts = this.events.get(grid);
    if (counts === undefined) {
      counts = new Map();
      this.events.set(grid, counts);
    }
    const key = [bucket, agency, column].join(SEPARATOR);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  /** A release expires at its latest version's end, if nobody revoked it first and `asOf` is past it. */
  private expiries(): void {
    if (this.last === null) return;
    const asOf = Date.parse(this.last);
    for (const life of this.consents.values()) {
      if (life.validUntil === null || Date.parse(life.validUntil) >= asOf) continue;
      if (life.revokedAt !== null && Date.parse(life.revokedAt) <= Date.parse(life.validUntil)) continue;
      if (!inPeriod(life.validUntil, this.parameters.from, this.parameters.to)) continue;
      this.count(this.releases, bucketOf(life.validUntil, this.parameters.bucket), life.agency, 'expired');
    }
  }

  private referralFigures(): { counts: CountTable[]; times: TimeTable[] } {
    const outcomes = new CountGrid('referrals', REFERRAL_COLUMNS);
    const stepTimes = new TimeGrid('referral_times', REFERRAL_STEPS, summarize);
    const handoffs = new CountGrid('handoffs', HANDOFF_COLUMNS);
    const handoffTimes = new TimeGrid('handoff_times', AGREEMENT_STEPS, summarize);
    const asOf = this.last ?? '';
    for (const referral of this.referrals.values()) {
      if (referral.enteredInError || !inPeriod(referral.sentAt, this.parameters.from, this.parameters.to)) continue;
      if (!this.concerns(referral.fromAgency) && !this.concerns(referral.toAgency)) continue;
      const bucket = bucketOf(referral.sentAt, this.parameters.bucket);
      const pair = `${this.groupOf(referral.fromAgency)}>${this.groupOf(referral.toAgency)}`;
      outcomes.add(bucket, pair, outcomeOf(referral, asOf));
      const reached = { to_received: referral.receivedAt, to_accepted: referral.acceptedAt, to_first_contact: referral.firstContactAt };
      for (const step of REFERRAL_STEPS) {
        const at = reached[step];
        if (at !== null) stepTimes.add(bucket, pair, step, minutesBetween(referral.sentAt, at));
      }
      if (referral.agreement === null) continue;
      for (const deadline of referral.deadlines) {
        const row = `${referral.agreement}@${referral.agreementVersion ?? '?'}|${referral.fromAgency}>${referral.toAgency}|${deadline.step}`;
        handoffs.add(bucket, row, handoffOf(referral, deadline.step, deadline.respondBy, asOf));
        const met = stepMetAt(referral, deadline.step);
        if (met !== null) handoffTimes.add(bucket, `${referral.agreement}@${referral.agreementVersion ?? '?'}|${referral.fromAgency}>${referral.toAgency}`, deadline.step, minutesBetween(referral.sentAt, met));
      }
    }
    return { counts: [...outcomes.tables(), ...handoffs.tables()], times: [...stepTimes.tables(), ...handoffTimes.tables()] };
  }

  /** With `parameters.agency` (an agency's own figures), only its acts and its referrals count. */
  private concerns(agency: string): boolean {
    return this.parameters.agency === undefined || this.parameters.agency === agency;
  }

  /** The row an agency counts in: its kind, or `agency:<id>` for the agency whose own figures these are. */
  private groupOf(agency: string): string {
    return this.parameters.agency === agency ? `agency:${agency}` : this.kindOf(agency);
  }

  private kindOf(agency: string): string {
    return this.kinds.get(agency) ?? UNKNOWN_KIND;
  }
}

/** How a referral was answered by `asOf` (docs/monitoring.md §2.1): exactly one column. */
function outcomeOf(referral: TrackedReferral, asOf: string): string {
  if (referral.acceptedAt !== null) return 'accepted';
  if (referral.status === 'rejected') return `rejected:${referral.endReason ?? ''}`;
  if (referral.status === 'cancelled') return referral.endReason === 'expired_no_response' ? 'expired_no_response' : `cancelled:${referral.endReason ?? 'unknown'}`;
  const final = referral.deadlines.at(-1);
  return final !== undefined && Date.parse(final.respondBy) < Date.parse(asOf) ? 'open_past_deadline' : 'open';
}

/** How one timed step ended by `asOf` (docs/monitoring.md §2.3): exactly one column. */
function handoffOf(referral: TrackedReferral, step: (typeof AGREEMENT_STEPS)[number], respondBy: string, asOf: string): HandoffColumn {
  const met = stepMetAt(referral, step);
  const due = Date.parse(respondBy);
  if (met !== null) return Date.parse(met) <= due ? 'in_time' : 'late';
  if (!isOpen(referral)) return referral.endedAt !== null && Date.parse(referral.endedAt) <= due ? 'ended_before_due' : 'missed';
  return due < Date.parse(asOf) ? 'missed' : 'pending';
}

/** Computes the exact figures of a stream of entries (index order, from 0). */
export function computeFigures(entries: Iterable<LedgerEntryV1>, parameters: FigureParameters, definitions: DefinitionsVersion = DEFINITIONS_VERSION): ExactFigures {
  const accumulator = new FigureAccumulator(parameters, definitions);
  for (const entry of entries) accumulator.add(entry);
  return accumulator.finish();
}
