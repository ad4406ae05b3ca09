import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type AgreementStep } from '../agreements/agreement.vocabulary';
import { rowsAs, statement } from '../database/statement';
import { run } from '../database/transactions';
import { type ReferralStatus } from './referral.vocabulary';

/** While a referral has one of these statuses, the step is not done yet (decision 0068). */
export const UNMET_WHILE: Readonly<Record<AgreementStep, readonly ReferralStatus[]>> = {
  received: ['requested'],
  answered: ['requested', 'received'],
  first_contact: ['requested', 'received', 'accepted'],
};

/** A referral left unanswered at its final deadline is cancelled with expired_no_response. */
export const EXPIRES_WHILE: readonly ReferralStatus[] = ['requested', 'received'];

export interface ClaimedDeadline {
  referralId: string;
  step: AgreementStep;
  respondBy: Date;
  dueSoonAt: Date | null;
  overdueAt: Date | null;
  escalateToAgencyId: string;
  escalateToRole: string;
  fromAgencyId: string;
  toAgencyId: string;
  fromCaseId: string;
}

/**
 * The scheduler's reads and marks. Claims lock the rows and skip rows another sweep holds, so
 * concurrent sweeps (two API processes) never act on the same step or referral twice; a mark is
 * written once (`IS NULL`), so a repeated sweep finds nothing left to do.
 */
@Injectable()
export class DeadlineSweepRepository {
  /** Unmet steps of open referrals that are overdue, or due within `soon`, and not yet announced as such. */
  claimDue(manager: EntityManager, now: Date, soon: Date, limit: number): Promise<ClaimedDeadline[]> {
    return run(
      manager,
      statement(
        `SELECT d.referral_id AS "referralId", d.step, d.respond_by AS "respondBy", d.due_soon_at AS "dueSoonAt", d.overdue_at AS "overdueAt",
                d.escalate_to_agency_id AS "escalateToAgencyId", d.escalate_to_role AS "escalateToRole",
                r.from_agency_id AS "fromAgencyId", r.to_agency_id AS "toAgencyId", r.from_case_id AS "fromCaseId"
           FROM referral_deadlines d JOIN referrals r ON r.id = d.referral_id
          WHERE ((d.overdue_at IS NULL AND d.respond_by <= $1) OR (d.due_soon_at IS NULL AND d.respond_by <= $2))
            AND ((d.step = 'received' AND r.status = ANY($3::text[]))
              OR (d.step = 'answered' AND r.status = ANY($4::text[]))
              OR (d.step = 'first_contact' AND r.status = ANY($5::text[])))
          ORDER BY d.respond_by, d.referral_id, d.step
          LIMIT $6
          FOR UPDATE OF d, r SKIP LOCKED`,
        [now, soon, UNMET_WHILE.received, UNMET_WHILE.answered, UNMET_WHILE.first_contact, limit],
        rowsAs<ClaimedDeadline>(),
      ),
    );
  }

  async markDueSoon(manager: EntityManager, referralId: string, step: AgreementStep, now: Date): Promise<void> {
    await run(manager, statement('UPDATE referral_deadlines SET due_soon_at = $3 WHERE referral_id = $1 AND step = $2 AND due_soon_at IS NULL', [referralId, step, now], rowsAs<unknown>()));
  }

  async markOverdue(manager: EntityManager, referralId: string, step: AgreementStep, now: Date): Promise<void> {
    await run(
      manager,
      statement(
        'UPDATE referral_deadlines SET overdue_at = $3, due_soon_at = coalesce(due_soon_at, $3) WHERE referral_id = $1 AND step = $2 AND overdue_at IS NULL',
        [referralId, step, now],
        rowsAs<unknown>(),
      ),
    );
  }

  /** Whether another step of the referral already ran out (its row is locked by the caller's claim). */
  async anyOverdue(manager: EntityManager, referralId: string): Promise<boolean> {
    const rows = await run(manager, statement('SELECT 1 FROM referral_deadlines WHERE referral_id = $1 AND overdue_at IS NOT NULL LIMIT 1', [referralId], rowsAs<unknown>()));
    return rows.length > 0;
  }

  /** Unanswered referrals whose final deadline has passed, locked (others' locks skipped). */
  claimExpired(manager: EntityManager, now: Date, limit: number): Promise<{ id: string; fromAgencyId: string }[]> {
    return run(
      manager,
      statement(
        `SELECT r.id, r.from_agency_id AS "fromAgencyId" FROM referrals r
          WHERE r.status = ANY($2::text[])
            AND (SELECT max(d.respond_by) FROM referral_deadlines d WHERE d.referral_id = r.id) <= $1
          ORDER BY r.created_at, r.id
          LIMIT $3
          FOR UPDATE OF r SKIP LOCKED`,
        [now, EXPIRES_WHILE, limit],
        rowsAs<{ id: string; fromAgencyId: string }>(),
      ),
    );
  }
}
