import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type Statement } from '../database/statement';
import { type CaseWorld, ConsentDecisionService } from '../consent/consent-decision.service';
import { type ConsentAction } from '../consent/consent.vocabulary';
import { type Decision, decide } from '../consent/policy';
import { type ReferralRow } from './referrals.repository';

/**
 * The policy's answers about one referral, from one load of its case's consents, mandates and
 * agencies. The release a referral rests on is on the sender's case, so share-back asks the other
 * way round (discloser = receiver).
 */
export class ReferralDecisions {
  constructor(
    private readonly world: CaseWorld,
    private readonly referral: ReferralRow,
    private readonly now: Date,
  ) {}

  /** May the receiver read the referral content? */
  receiverMayRead(): Decision {
    return this.ask('receive_referral', 'referral', this.referral.fromAgencyId, this.referral.toAgencyId);
  }

  /** May the receiver's status details (reason, outcome codes) go back to the sender? */
  statusDetailsGoBack(): Decision {
    return this.ask('share_status_back', 'referral', this.referral.toAgencyId, this.referral.fromAgencyId);
  }

  /** May the receiver's sealed outcome note go back to the sender? */
  outcomeGoesBack(): Decision {
    return this.ask('share_content_back', 'outcome', this.referral.toAgencyId, this.referral.fromAgencyId);
  }

  /** The release ended (revoked or expired): the referral resting on it must end too. */
  endedConsent(): 'consent_revoked' | 'consent_expired' | null {
    const decision = this.receiverMayRead();
    if (decision.decision !== 'deny') return null;
    return decision.reason === 'consent_revoked' || decision.reason === 'consent_expired' ? decision.reason : null;
  }

  private ask(action: ConsentAction, category: 'referral' | 'outcome', discloser: string, recipient: string): Decision {
    const request = {
      caseId: this.referral.fromCaseId,
      discloserAgencyId: discloser,
      recipientAgencyId: recipient,
      category,
      action,
      purpose: action === 'receive_referral' ? this.referral.purpose : undefined,
    };
    return decide(request, this.world.consents, this.world.mandates, this.world.agencies, this.now);
  }
}

/** Asks through ConsentDecisionService (the one door to the policy), loading the case once. */
@Injectable()
export class ReferralPolicy {
  constructor(private readonly decisions: ConsentDecisionService) {}

  /** From a case world the caller already loaded (in its transaction, after its locks). */
  fromWorld(world: CaseWorld, referral: ReferralRow): ReferralDecisions {
    return new ReferralDecisions(world, referral, new Date());
  }

  async about(manager: EntityManager, referral: ReferralRow): Promise<ReferralDecisions> {
    return this.aboutIn(await this.decisions.loadWorld(manager, referral.fromCaseId, [referral.fromAgencyId, referral.toAgencyId]), referral);
  }

  /** What about() reads, as a statement that needs only the referral's id: it travels with the referral's own read. */
  worldStatement(referralId: string, agencyId: string): Statement<CaseWorld> {
    return this.decisions.worldOfReferralStatement(referralId, agencyId);
  }

  /** about(), on the world worldStatement() read. */
  aboutIn(world: CaseWorld, referral: ReferralRow): ReferralDecisions {
    return new ReferralDecisions(world, referral, new Date());
  }

  /** For a page of referrals: each sender case is loaded once, whatever the number of referrals. */
  async aboutEach(manager: EntityManager, referrals: readonly ReferralRow[]): Promise<Map<string, ReferralDecisions>> {
    const byCase = new Map<string, ReferralRow[]>();
    for (const referral of referrals) byCase.set(referral.fromCaseId, [...(byCase.get(referral.fromCaseId) ?? []), referral]);
    const now = new Date();
    const decisions = new Map<string, ReferralDecisions>();
    for (const [caseId, rows] of byCase) {
      const world = await this.decisions.loadWorld(manager, caseId, rows.flatMap((row) => [row.fromAgencyId, row.toAgencyId]));
      for (const row of rows) decisions.set(row.id, new ReferralDecisions(world, row, now));
    }
    return decisions;
  }
}
