import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { EventsService } from '../events/events.service';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { type LedgerActor } from '../ledger/ledger.vocabulary';
import { checkTransition } from './referral-transitions';
import { type ReferralOutcome, type ReferralSide, type ReferralStatus, type StatusReason } from './referral.vocabulary';
import { IllegalTransitionError, ReferralFieldError, WrongSideError } from './referrals.errors';
import { type ReferralRow, ReferralsRepository } from './referrals.repository';

export interface StatusMove {
  to: ReferralStatus;
  reason: StatusReason | null;
  outcome: ReferralOutcome | null;
}

/**
 * Applies one status change under the state machine, with its history row, its log entry and the
 * other side's event — in the caller's transaction, on a row the caller has locked.
 */
@Injectable()
export class ReferralStatusService {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly ledger: LedgerWriter,
    private readonly events: EventsService,
  ) {}

  async move(manager: EntityManager, referral: ReferralRow, side: ReferralSide, move: StatusMove, caller: CallerContext | null): Promise<ReferralRow> {
    assertAllowed(referral.status, side, move);
    const version = referral.version + 1;
    const updatedAt = await this.referrals.applyStatusChange(manager, {
      referralId: referral.id,
      version,
      fromStatus: referral.status,
      toStatus: move.to,
      reason: move.reason,
      outcome: move.outcome,
      side,
      principalId: caller?.principal.id ?? null,
    });
    const otherSide = side === 'sender' ? referral.toAgencyId : referral.fromAgencyId;
    await this.ledger.record(manager, 'referral_status_changed', {
      actor: caller ? actorOf(caller) : systemActor(referral),
      case: referral.fromCaseId,
      recipient: otherSide,
      requestId: caller?.requestId,
      detail: { referral: referral.id, from: referral.status, to: move.to, reason: move.reason, outcome: move.outcome, side },
    });
    const notify = side === 'system' ? [referral.fromAgencyId, referral.toAgencyId] : [otherSide];
    for (const agencyId of notify) {
      await this.events.publish(manager, { agencyId, type: 'referral.status_changed', referralId: referral.id });
    }
    return { ...referral, status: move.to, statusReason: move.reason, outcome: move.outcome ?? referral.outcome, version, updatedAt };
  }
}

function assertAllowed(from: ReferralStatus, side: ReferralSide, move: StatusMove): void {
  if (move.outcome !== null && side !== 'receiver') throw new ReferralFieldError('outcome', 'only the receiving agency records an outcome');
  const verdict = checkTransition(from, move.to, side, move.reason);
  if (verdict.allowed) return;
  switch (verdict.problem) {
    case 'illegal_transition':
      throw new IllegalTransitionError(from, move.to);
    case 'wrong_side':
      throw new WrongSideError(`Only the ${side === 'sender' ? 'receiving' : 'referring'} agency may move a referral from ${from} to ${move.to}.`);
    case 'reason_required':
      throw new ReferralFieldError('reason', `a reason is required to move a referral to ${move.to}`);
    case 'reason_not_allowed':
      throw new ReferralFieldError('reason', `that reason does not apply to ${move.to}${move.reason ? '' : ''}`);
  }
}

/** The system acts when a consent ends: the log names it as such, on behalf of the custodian. */
function systemActor(referral: ReferralRow): LedgerActor {
  return { principal: 'system', agency: referral.fromAgencyId, roles: ['system'] };
}
