import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AgenciesRepository } from '../../agencies/agencies.repository';
import { type CallerContext } from '../../auth/caller-context';
import { CasesService } from '../../cases/cases.service';
import { ConsentDecisionService } from '../../consent/consent-decision.service';
import type { DecisionBasis } from '../../consent/policy/policy.types';
import { inTransaction } from '../../database/transactions';
import { actorOf, LedgerWriter } from '../../ledger/ledger-writer';
import type { LedgerBasis } from '../../ledger/ledger.vocabulary';
import { isRepeatReferral, lastEarlierReferral } from './repeat-referral';
import { NotTheChairError, RiskTeamNotFoundError, TeamMotionConflictError, TeamReferralNotCoveredError, TeamReferralNotFoundError, TeamRequestRefusedError } from './risk-teams.errors';
import { RiskTeamsRepository } from './risk-teams.repository';
import { decideByMajority, VoteNotCountable } from './team-decision';
import { planTeamReferral } from './team-referral-plan';
import { type TeamDecisionRow, type TeamReferralRow, TeamReferralsRepository } from './team-referrals.repository';
import type { TeamCloseReason, TeamMotion, TeamReferralReason, TeamVote } from './team.vocabulary';

export interface NewTeamReferral {
  caseId: string;
  reason: TeamReferralReason;
  /** The custodian says whether the survivor knows the case goes to the team. */
  survivorInformed: boolean;
}

export interface NewTeamDecision {
  motion: TeamMotion;
  closeReason?: TeamCloseReason;
  presentAgencyIds: string[];
  votes: { agencyId: string; vote: TeamVote }[];
}

export interface TeamReferralView extends TeamReferralRow {
  decisions: TeamDecisionRow[];
}

export function ledgerBasis(basis: DecisionBasis): LedgerBasis {
  if (basis.kind === 'consent') return { kind: 'consent', consent: basis.consentId, version: basis.consentVersion };
  if (basis.kind === 'mandate') return { kind: 'mandate', mandate: basis.mandateId };
  return { kind: 'custodian' };
}

/**
 * Referral of a case to a high-risk team and the team's decisions on it (decision 0123). The
 * custodian refers its own case; decide() says which member agencies may receive it; a disclosure
 * under a mandate instead of consent is its own, loud, log kind. Decisions are the chair's record
 * of the votes, counted by the pure majority rule.
 */
@Injectable()
export class TeamReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: RiskTeamsRepository,
    private readonly referrals: TeamReferralsRepository,
    private readonly cases: CasesService,
    private readonly decisions: ConsentDecisionService,
    private readonly ledger: LedgerWriter,
    private readonly agencies: AgenciesRepository,
  ) {}

  async refer(caller: CallerContext, teamId: string, input: NewTeamReferral, now: Date = new Date()): Promise<TeamReferralView> {
    try {
      return await inTransaction(this.dataSource, (manager) => this.referIn(manager, caller, teamId, input, now));
    } catch (error) {
      if (error instanceof TeamReferralNotCoveredError) {
        for (const refused of error.refused) {
          await this.ledger.recordDenial(this.dataSource.manager, caller, { case: input.caseId, discloser: caller.principal.agencyId, recipient: refused.agencyId, categories: ['risk'], reason: refused.reason, detail: { attempted: 'team_referral', team: teamId } });
        }
      }
      throw error;
    }
  }

  private async referIn(manager: EntityManager, caller: CallerContext, teamId: string, input: NewTeamReferral, now: Date): Promise<TeamReferralView> {
    const agencyId = caller.principal.agencyId;
    const team = await this.teams.findForMember(manager, teamId, agencyId);
    if (!team) throw new RiskTeamNotFoundError();
    // The case row lock orders concurrent referrals of one case, so each sees the other for repeats.
    await this.cases.getIn(manager, caller, input.caseId, true);
    const earlier = await this.referrals.earlierReferralTimes(manager, input.caseId, agencyId);
    const repeat = isRepeatReferral(earlier, now);
    if (input.reason === 'repeat' && !repeat) throw new TeamRequestRefusedError('reason', 'neither this case nor a case linked to it by a referral was referred to a team in the last 12 months, as far as your agency may see: it is not a repeat');
    const world = await this.decisions.loadWorld(manager, input.caseId, team.memberAgencyIds);
    const plan = planTeamReferral({ caseId: input.caseId, custodianAgencyId: agencyId, memberAgencyIds: team.memberAgencyIds, requiresWrittenConsent: team.requiresWrittenConsent }, { ...world, now });
    const chairRefused = team.chairAgencyId !== agencyId && !plan.covered.some((share) => share.agencyId === team.chairAgencyId);
    if (plan.covered.length === 0 || chairRefused) throw new TeamReferralNotCoveredError(plan.refused, chairRefused);
    const id = randomUUID();
    const sharedWith = [agencyId, ...plan.covered.map((share) => share.agencyId)];
    await this.referrals.insert(manager, { id, teamId, caseId: input.caseId, referringAgencyId: agencyId, reason: input.reason, repeat, survivorInformed: input.survivorInformed, consentState: plan.consentState, withoutConsent: plan.covered.some((share) => share.withoutConsent), sharedWith }, now);
    const common = { actor: actorOf(caller), discloser: agencyId, case: input.caseId, categories: ['risk'], requestId: caller.requestId };
    // Monitoring (decision 0162) recomputes the repeat from the log: the time of the case chain's
    // last referral (a time, never which case it was) and the referring agency's kind (a code).
    const [own] = await this.agencies.findByIds([agencyId], manager);
    const previousReferralAt = lastEarlierReferral(earlier, now)?.toISOString() ?? null;
    const detail = { team: teamId, referral: id, reason: input.reason, repeat, survivorInformed: input.survivorInformed, consentState: plan.consentState, previousReferralAt, agencyKind: own?.kind ?? null };
    for (const share of plan.covered) {
      // Loud: sharing with the team without the survivor's consent is its own kind, never a detail.
      await this.ledger.record(manager, share.withoutConsent ? 'team_shared_without_consent' : 'team_case_referred', { ...common, recipient: share.agencyId, basis: ledgerBasis(share.basis), outcome: 'permitted', detail });
    }
    for (const refused of plan.refused) {
      await this.ledger.record(manager, 'denied', { ...common, recipient: refused.agencyId, outcome: 'denied', reason: refused.reason, detail: { attempted: 'team_referral', team: teamId, referral: id } });
    }
    return this.viewIn(manager, caller, id);
  }

  list(caller: CallerContext, teamId: string): Promise<TeamReferralRow[]> {
    return inTransaction(this.dataSource, async (manager) => {
      if (!(await this.teams.findForMember(manager, teamId, caller.principal.agencyId))) throw new RiskTeamNotFoundError();
      return this.referrals.listForTeam(manager, teamId, caller.principal.agencyId);
    });
  }

  get(caller: CallerContext, referralId: string): Promise<TeamReferralView> {
    return this.viewIn(this.dataSource.manager, caller, referralId);
  }

  /** The chair records a motion's votes; carried, it moves the referral (accepted, or closed with its reason). */
  decide(caller: CallerContext, referralId: string, input: NewTeamDecision, now: Date = new Date()): Promise<TeamReferralView> {
    return inTransaction(this.dataSource, async (manager) => {
      const agencyId = caller.principal.agencyId;
      const referral = await this.referrals.findVisible(manager, referralId, agencyId, true);
      if (!referral) throw new TeamReferralNotFoundError();
      if (referral.chairAgencyId !== agencyId) throw new NotTheChairError();
      if ((input.motion === 'close') !== (input.closeReason !== undefined)) throw new TeamRequestRefusedError('closeReason', 'a close motion needs a closeReason, and only a close motion has one');
      const allowed = input.motion === 'accept' ? ['referred'] : ['referred', 'accepted'];
      if (!allowed.includes(referral.status)) throw new TeamMotionConflictError(referral.status, input.motion);
      const team = await this.teams.findForMember(manager, referral.teamId, agencyId);
      const tally = countVotes(team?.memberAgencyIds ?? [], input);
      const closeReason = input.closeReason ?? null;
      await this.referrals.insertDecision(manager, { id: randomUUID(), referralId, motion: input.motion, closeReason, carried: tally.carried, votes: tally.perAgency, recordedByAgencyId: agencyId }, now);
      if (tally.carried) await this.referrals.setStatus(manager, referralId, input.motion === 'accept' ? 'accepted' : 'closed', closeReason, now);
      await this.ledger.record(manager, 'team_decision_recorded', {
        actor: actorOf(caller),
        case: referral.caseId,
        requestId: caller.requestId,
        detail: {
          team: referral.teamId,
          referral: referralId,
          motion: input.motion,
          closeReason,
          carried: tally.carried,
          present: tally.present,
          for: tally.for,
          against: tally.against,
          abstain: tally.abstain,
          votes: tally.perAgency.map((each) => `${each.agencyId}:${each.vote}`),
        },
      });
      return this.viewIn(manager, caller, referralId);
    });
  }

  private async viewIn(manager: EntityManager, caller: CallerContext, referralId: string): Promise<TeamReferralView> {
    const referral = await this.referrals.findVisible(manager, referralId, caller.principal.agencyId);
    if (!referral) throw new TeamReferralNotFoundError();
    return { ...referral, decisions: await this.referrals.decisionsOf(manager, referralId) };
  }
}

function countVotes(members: readonly string[], input: NewTeamDecision) {
  try {
    return decideByMajority(members, input.presentAgencyIds, input.votes);
  } catch (error) {
    if (!(error instanceof VoteNotCountable)) throw error;
    const field = error.why === 'not_a_member' && !input.votes.some((vote) => vote.agencyId === error.agencyId) ? 'presentAgencyIds' : 'votes';
    throw new TeamRequestRefusedError(field, `agency ${error.agencyId} cannot vote here (${error.why.replace(/_/g, ' ')})`);
  }
}
