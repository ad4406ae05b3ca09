import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../database/transactions';
import { EventsService } from '../../events/events.service';
import { LedgerWriter } from '../../ledger/ledger-writer';
import { MeetingsRepository } from './meetings.repository';

const BATCH = 500;

/**
 * The overdue sweep of action items (decision 0126), for a scheduler to call with the time (tests
 * pass it: they never wait for the clock). Each open action past its due date is announced once:
 * `risk_action.overdue` to its owner and to the team's chair, and a `team_action_overdue` log entry
 * on the case. Rows are claimed FOR UPDATE SKIP LOCKED in batches, each its own transaction, and
 * the mark is write-once, so concurrent or repeated sweeps announce each action exactly once.
 */
@Injectable()
export class ActionSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsRepository,
    private readonly events: EventsService,
    private readonly ledger: LedgerWriter,
  ) {}

  async sweepOverdueActions(now: Date): Promise<{ overdue: number }> {
    let overdue = 0;
    for (;;) {
      const claimed = await inTransaction(this.dataSource, async (manager) => {
        const due = await this.meetings.claimOverdue(manager, now, BATCH);
        for (const action of due) {
          await this.meetings.markOverdue(manager, action.id, now);
          await this.ledger.record(manager, 'team_action_overdue', {
            case: action.caseId,
            detail: { action: action.id, referral: action.referralId, owner: action.ownerAgencyId, dueAt: action.dueAt.toISOString() },
          });
          for (const agencyId of new Set([action.ownerAgencyId, action.chairAgencyId])) {
            await this.events.publish(manager, { agencyId, type: 'risk_action.overdue', referralId: action.referralId });
          }
        }
        return due.length;
      });
      overdue += claimed;
      if (claimed < BATCH) return { overdue };
    }
  }
}
