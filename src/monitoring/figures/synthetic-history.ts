import { randomUUID } from 'node:crypto';
import { type LedgerEntryV1 } from '../../ledger/entry-format';

/** Builds log entries for tests: only the fields the figures read, with ids made up. */
export class SyntheticLog {
  readonly entries: LedgerEntryV1[] = [];

  add(kind: string, time: string, fields: Partial<LedgerEntryV1> = {}): LedgerEntryV1 {
    const entry: LedgerEntryV1 = { v: 1, id: randomUUID(), kind, time, ...fields };
    this.entries.push(entry);
    return entry;
  }

  send(time: string, referral: string, from: { agency: string; kind: string }, to: { agency: string; kind: string }, deadlines: [string, string][] = [], agreement = 'agreement-1'): void {
    this.add('referral_sent', time, {
      actor: { principal: 'p', agency: from.agency, roles: ['agency_worker'] },
      recipient: to.agency,
      detail: {
        referral,
        fromKind: from.kind,
        toKind: to.kind,
        agreement: deadlines.length > 0 ? agreement : null,
        agreementVersion: deadlines.length > 0 ? 1 : null,
        deadlineSteps: deadlines.map(([step]) => step),
        deadlineTimes: deadlines.map(([, at]) => at),
      },
    });
  }

  move(time: string, referral: string, to: string, side: 'sender' | 'receiver' | 'system', reason: string | null = null): void {
    this.add('referral_status_changed', time, { detail: { referral, to, side, reason } });
  }
}
