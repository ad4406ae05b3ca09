import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { CONSENT_ACTIONS, type ConsentAction, type RecordCategory } from './consent.vocabulary';
import { type CaseWorld, ConsentDecisionService } from './consent-decision.service';
import { actionCarries, decideForBasis, type DenyReason, isShareBack } from './policy';
import { type LiveWrap } from '../records/records.repository';
import { RecordsService } from '../records/records.service';

export interface WithdrawnWrap {
  recordId: string;
  agencyId: string;
  reason: DenyReason;
}

/**
 * Time alone never withdraws a wrap: delivery already checks the basis's window when the record
 * is read (ccr_open_record), and an amendment may renew the release. Every other denial (a
 * narrower scope, a deny provision, a verbal release) stops delivery at once.
 */
const KEPT_ON: readonly DenyReason[] = ['consent_expired', 'consent_not_yet_valid'];

/** The one action, in the wrap's direction, that carries the record's category (rule 3b). */
function actionOf(wrap: LiveWrap, world: CaseWorld): ConsentAction | null {
  const consent = world.consents.find((candidate) => candidate.id === wrap.basisId);
  const shareBack = consent !== undefined && wrap.authorAgencyId === consent.recipientAgencyId;
  const fitting = CONSENT_ACTIONS.filter((action) => isShareBack(action) === shareBack && actionCarries(action, wrap.category as RecordCategory));
  return fitting.length === 1 ? fitting[0] : null;
}

/**
 * After a change that can narrow what a case's releases allow (an amendment, a new deny
 * provision), asks decide() again for every live wrap the case's bases justify, and deletes the
 * wraps it no longer permits, with one `wraps_deleted` entry. Runs in the change's transaction.
 */
@Injectable()
export class WrapReconciler {
  constructor(
    private readonly decisions: ConsentDecisionService,
    private readonly records: RecordsService,
    private readonly ledger: LedgerWriter,
  ) {}

  async withdrawUncovered(manager: EntityManager, caller: CallerContext, caseId: string, trigger: { kind: string; consentId: string }): Promise<WithdrawnWrap[]> {
    const live = await this.records.liveWrapsGovernedBy(manager, caseId);
    const worlds = new Map<string, CaseWorld>();
    const withdrawn: WithdrawnWrap[] = [];
    const now = new Date();
    for (const wrap of live) {
      const world = worlds.get(wrap.basisCaseId) ?? (await this.decisions.loadWorld(manager, wrap.basisCaseId, []));
      worlds.set(wrap.basisCaseId, world);
      const reason = await this.denialOf(manager, wrap, world, now);
      if (reason === null || KEPT_ON.includes(reason)) continue;
      await this.records.deleteWrap(manager, wrap.recordId, wrap.agencyId);
      withdrawn.push({ recordId: wrap.recordId, agencyId: wrap.agencyId, reason });
    }
    if (withdrawn.length > 0) await this.log(manager, caller, caseId, trigger, withdrawn);
    return withdrawn;
  }

  private async denialOf(manager: EntityManager, wrap: LiveWrap, world: CaseWorld, now: Date): Promise<DenyReason | null> {
    const action = actionOf(wrap, world);
    if (action === null) return 'action_category_mismatch';
    const complete = world.agencies.has(wrap.authorAgencyId) && world.agencies.has(wrap.agencyId) ? world : await this.decisions.loadWorld(manager, wrap.basisCaseId, [wrap.authorAgencyId, wrap.agencyId]);
    const request = { caseId: wrap.basisCaseId, discloserAgencyId: wrap.authorAgencyId, recipientAgencyId: wrap.agencyId, category: wrap.category as RecordCategory, action };
    const decision = decideForBasis(request, complete.consents, complete.mandates, complete.agencies, wrap.basisId, now);
    return decision.decision === 'permit' ? null : decision.reason;
  }

  private async log(manager: EntityManager, caller: CallerContext, caseId: string, trigger: { kind: string; consentId: string }, withdrawn: readonly WithdrawnWrap[]): Promise<void> {
    await this.ledger.record(manager, 'wraps_deleted', {
      actor: actorOf(caller),
      case: caseId,
      records: [...new Set(withdrawn.map((wrap) => wrap.recordId))],
      requestId: caller.requestId,
      detail: {
        trigger: trigger.kind,
        consent: trigger.consentId,
        agencies: [...new Set(withdrawn.map((wrap) => wrap.agencyId))],
        reasons: [...new Set(withdrawn.map((wrap) => wrap.reason))],
      },
    });
  }
}
