import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type RecipientBasis } from '../records/records.repository';
import { WrapNotCoveredError } from './consent.errors';
import { pipelined } from '../database/transactions';
import { type Statement } from '../database/statement';
import { CaseWorldRepository, type StoredCaseWorld } from './case-world.repository';
import { type AgencyView, type ConsentView, type Decision, decide, decideForBasis, type DisclosureRequest, type MandateView } from './policy';

/** Everything decide() reads about one case: its consents (current versions), mandates, agencies. */
export interface CaseWorld {
  consents: ConsentView[];
  mandates: MandateView[];
  agencies: ReadonlyMap<string, AgencyView>;
}

const CUSTODIAN: RecipientBasis = { kind: 'custodian', id: null };

/** What a new key wrap is for: the disclosure the recipient would be able to read. */
export type WrapRequest = Omit<DisclosureRequest, 'recipientAgencyId'>;

/**
 * THE door to the policy for every module that moves survivor data: it loads the views from the
 * database, in the caller's transaction, and asks the pure decide(). No module re-implements a
 * rule; referrals, notes and shares call decide() or basisForNewWrap() here.
 */
@Injectable()
export class ConsentDecisionService {
  constructor(private readonly worlds: CaseWorldRepository) {}

  async decide(manager: EntityManager, request: DisclosureRequest, now: Date = new Date()): Promise<Decision> {
    const world = await this.loadWorld(manager, request.caseId, [request.discloserAgencyId, request.recipientAgencyId]);
    return decide(request, world.consents, world.mandates, world.agencies, now);
  }

  /**
   * The basis to store a new wrap under: the custodian basis for the discloser's own agency;
   * otherwise the consent or mandate the wrap names (`claimedBasisId`, the envelope's consentId),
   * which decide() must find permitting on its own. That row is share-locked until the caller
   * commits, so a concurrent revocation either waits for the store or is seen by this check.
   * Throws WrapNotCoveredError (422) naming the recipient and the policy's reason code.
   */
  async basisForNewWrap(manager: EntityManager, request: WrapRequest, recipientAgencyId: string, claimedBasisId: string | null): Promise<RecipientBasis> {
    if (recipientAgencyId === request.discloserAgencyId) return CUSTODIAN;
    const { bases } = await this.basesForNewWraps(manager, request, [{ agencyId: recipientAgencyId, consentId: claimedBasisId }]);
    return bases.get(recipientAgencyId) as RecipientBasis;
  }

  /**
   * basisForNewWrap() for every wrap of one record at once — one lock statement and one load of
   * the case, whatever the number of recipients — with the case world it decided on, for a caller
   * that asks the policy more about the same case in the same transaction. The first uncovered
   * wrap throws.
   */
  async basesForNewWraps(
    manager: EntityManager,
    request: WrapRequest,
    wraps: readonly { agencyId: string; consentId: string | null }[],
  ): Promise<{ bases: Map<string, RecipientBasis>; world: CaseWorld }> {
    const others = wraps.filter((wrap) => wrap.agencyId !== request.discloserAgencyId);
    const unnamed = others.find((wrap) => wrap.consentId === null);
    if (unnamed) throw new WrapNotCoveredError(unnamed.agencyId, 'no_consent');
    // The lock first, then the load — in one round trip; the load's snapshot is taken after the lock.
    const [, stored] = await pipelined(manager, [
      this.worlds.lockBasesStatement(others.map((wrap) => wrap.consentId as string)),
      this.worlds.loadStatement(request.caseId, [request.discloserAgencyId, ...others.map((wrap) => wrap.agencyId)]),
    ] as const);
    const world = toCaseWorld(stored);
    const bases = new Map<string, RecipientBasis>([[request.discloserAgencyId, CUSTODIAN]]);
    for (const wrap of others) bases.set(wrap.agencyId, basisFromDecision(world, { ...request, recipientAgencyId: wrap.agencyId }, wrap.consentId as string));
    return { bases, world };
  }

  /**
   * The case's consents and mandates, and the agencies named by them and by `agencyIds`. The
   * coordinating body is left out of the directory: it never receives survivor data (fail closed).
   */
  async loadWorld(manager: EntityManager, caseId: string, agencyIds: readonly string[]): Promise<CaseWorld> {
    return toCaseWorld(await this.worlds.load(manager, caseId, agencyIds));
  }

  /** loadWorld() for a referral's sender case and its two agencies, as a statement to pipeline with the referral's read. */
  worldOfReferralStatement(referralId: string, agencyId: string): Statement<CaseWorld> {
    const stored = this.worlds.loadForReferralStatement(referralId, agencyId);
    return { ...stored, read: (rows, command) => toCaseWorld(stored.read(rows, command)) };
  }
}

/** The coordinating body is left out of the directory: it never receives survivor data (fail closed). */
function toCaseWorld({ consents, mandates, agencies: parties }: StoredCaseWorld): CaseWorld {
  const agencies = new Map<string, AgencyView>();
  for (const party of parties) {
    if (!party.coordinatingBody) agencies.set(party.id, { id: party.id, regime: party.regime, status: party.status });
  }
  return { consents, mandates, agencies };
}

/** The claimed basis, if decide() finds that it permits the wrap on its own; WrapNotCoveredError otherwise. */
function basisFromDecision(world: CaseWorld, request: DisclosureRequest, claimedBasisId: string): RecipientBasis {
  const decision = decideForBasis(request, world.consents, world.mandates, world.agencies, claimedBasisId, new Date());
  if (decision.decision === 'deny') throw new WrapNotCoveredError(request.recipientAgencyId, decision.reason);
  const { basis } = decision;
  if (basis.kind === 'consent' && basis.consentId === claimedBasisId) return { kind: 'consent', id: basis.consentId };
  if (basis.kind === 'mandate' && basis.mandateId === claimedBasisId) return { kind: 'mandate', id: basis.mandateId };
  throw new WrapNotCoveredError(request.recipientAgencyId, 'no_consent');
}
