import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../database/transactions';
import { EventsService } from '../events/events.service';
import { LedgerWriter } from '../ledger/ledger-writer';
import { type LedgerActor } from '../ledger/ledger.vocabulary';
import { type ClaimedDeadline, DeadlineSweepRepository } from './deadline-sweep.repository';
import { ReferralStatusService } from './referral-status.service';
import { ReferralsRepository } from './referrals.repository';

/** A step is announced as due soon this long (elapsed time) before its deadline (decision 0070). */
export const DUE_SOON_MS = 60 * 60 * 1000;
const BATCH = 500;

export interface SweepResult {
  dueSoon: number;
  overdue: number;
  expired: number;
}

/**
 * One pass of the deadline scheduler at `now` (injected: tests never wait for the clock). For each
 * unmet step: due soon → `referral.due_soon` to the receiver; run out → `referral.overdue` to both
 * sides and, for the first step of a referral to run out, `referral.escalated` to the agreement's
 * point of contact; each a log entry. Then every
 * referral still unanswered at its final deadline is cancelled by the system with
 * `expired_no_response`. Batches run in their own transactions with claimed (locked, skip-locked)
 * rows and write-once marks: concurrent or repeated sweeps act on each step and referral once.
 */
@Injectable()
export class DeadlineSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sweeps: DeadlineSweepRepository,
    private readonly referrals: ReferralsRepository,
    private readonly statuses: ReferralStatusService,
    private readonly events: EventsService,
    private readonly ledger: LedgerWriter,
  ) {}

  async sweep(now: Date): Promise<SweepResult> {
    const result: SweepResult = { dueSoon: 0, overdue: 0, expired: 0 };
    for (;;) {
      const claimed = await inTransaction(this.dataSource, async (manager) => {
        const due = await this.sweeps.claimDue(manager, now, new Date(now.getTime() + DUE_SOON_MS), BATCH);
        for (const deadline of due) await this.announce(manager, deadline, now, result);
        return due.length;
      });
      if (claimed < BATCH) break;
    }
    for (;;) {
      const expired = await inTransaction(this.dataSource, async (manager) => {
        const rows = await this.sweeps.claimExpired(manager, now, BATCH);
        for (const row of rows) await this.expire(manager, row.id, row.fromAgencyId);
        return rows.length;
      });
      result.expired += expired;
      if (expired < BATCH) break;
    }
    return result;
  }

  private async announce(manager: EntityManager, deadline: ClaimedDeadline, now: Date, result: SweepResult): Promise<void> {
    const detail = { referral: deadline.referralId, step: deadline.step, respondBy: new Date(deadline.respondBy).toISOString() };
    const actor = systemActor(deadline.fromAgencyId);
    if (deadline.overdueAt === null && new Date(deadline.respondBy) <= now) {
      // The first step to run out escalates the referral; later ones are logged as overdue only.
      const escalate = !(await this.sweeps.anyOverdue(manager, deadline.referralId));
      await this.sweeps.markOverdue(manager, deadline.referralId, deadline.step, now);
      await this.ledger.record(manager, 'referral_overdue', {
        actor,
        case: deadline.fromCaseId,
        recipient: deadline.escalateToAgencyId,
        detail: { ...detail, escalated: escalate, escalatedTo: deadline.escalateToAgencyId, role: deadline.escalateToRole },
      });
      for (const agencyId of [deadline.fromAgencyId, deadline.toAgencyId]) await this.events.publish(manager, { agencyId, type: 'referral.overdue', referralId: deadline.referralId });
      if (escalate) await this.events.publish(manager, { agencyId: deadline.escalateToAgencyId, type: 'referral.escalated', referralId: deadline.referralId });
      result.overdue += 1;
      return;
    }
    await this.sweeps.markDueSoon(manager, deadline.referralId, deadline.step, now);
    await this.ledger.record(manager, 'referral_due_soon', { actor, case: deadline.fromCaseId, recipient: deadline.toAgencyId, detail });
    await this.events.publish(manager, { agencyId: deadline.toAgencyId, type: 'referral.due_soon', referralId: deadline.referralId });
    result.dueSoon += 1;
  }

  private async expire(manager: EntityManager, referralId: string, fromAgencyId: string): Promise<void> {
    const referral = await this.referrals.findVisible(manager, referralId, fromAgencyId);
    if (!referral) return;
    await this.statuses.move(manager, referral, 'system', { to: 'cancelled', reason: 'expired_no_response', outcome: null }, null);
  }
}

/** The system acts on the agreement's behalf: logged as such, under the referring agency. */
function systemActor(agencyId: string): LedgerActor {
  return { principal: 'system', agency: agencyId, roles: ['system'] };
}
