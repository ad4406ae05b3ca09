import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AgreementDeadlines } from '../agreements/agreement-deadlines.service';
import { type CallerContext } from '../auth/caller-context';
import { CasesService } from '../cases/cases.service';
import { ConsentDecisionService } from '../consent/consent-decision.service';
import { WrapNotCoveredError } from '../consent/consent.errors';
import { canonicalJson, type VerifiedRecordV1 } from '../crypto';
import { inTransaction, pipelined } from '../database/transactions';
import { EventsService } from '../events/events.service';
import { EnvelopeVerifier, type PrefetchedFacts } from '../keys/envelope-verifier';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { cursorCodec } from '../platform/paging/cursor';
import { EnvelopeRejectedError, RecordAlreadyExistsError } from '../records/records.errors';
import { type RecipientBasis } from '../records/records.repository';
import { type DeliveredRecord, RecordsService } from '../records/records.service';
import { type CreateReferralDto } from './dto/referral.dto';
import { type ReferralDecisions, ReferralPolicy } from './referral-policy';
import { ReferralStatusService, type StatusMove } from './referral-status.service';
import { isTerminal } from './referral-transitions';
import { type ReferralStatus } from './referral.vocabulary';
import { IdempotencyKeyReusedError, IdempotencyKeyTakenError, ReferralFieldError, ReferralNotFoundError, ReferralVersionConflictError, WrongSideError } from './referrals.errors';
import { type ReferralRow, ReferralsRepository, type StatusChange } from './referrals.repository';

/** Inbox and outbox, newest first: (created_at, id) descending. */
export const REFERRAL_CURSOR = cursorCodec('referrals', { time: 'time', id: 'uuid' });

export interface ReferralView {
  referral: ReferralRow;
  side: 'sender' | 'receiver';
  statusDetailsShared: boolean;
  outcomeAvailable: boolean;
}

export interface CreatedReferral extends ReferralView {
  replayed: boolean;
}

/** What create() knows before sending: the request's identity and the key directory it read. */
interface SendContext {
  idempotencyKey: string;
  requestSha256: Buffer;
  directory: PrefetchedFacts;
}

export interface ReferralPage {
  items: ReferralView[];
  nextCursor: string | null;
}

/**
 * Closed-loop referrals: the sender posts sealed content under a release; the receiver moves the
 * status forward; status always goes back, details and an outcome note only where the release
 * grants share-back. Every read of content is a logged disclosure, checked against consent again.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralsRepository,
    private readonly policy: ReferralPolicy,
    private readonly decisions: ConsentDecisionService,
    private readonly verifier: EnvelopeVerifier,
    private readonly records: RecordsService,
    private readonly cases: CasesService,
    private readonly statuses: ReferralStatusService,
    private readonly events: EventsService,
    private readonly ledger: LedgerWriter,
    private readonly agreements: AgreementDeadlines,
  ) {}

  /**
   * Idempotent: the same key and body return the original; the same key with another body is 409.
   * Concurrent requests with one key race to the unique index: the loser answers like a retry.
   */
  async create(caller: CallerContext, idempotencyKey: string, body: CreateReferralDto): Promise<CreatedReferral> {
    // The DTO is a class instance: hash the plain JSON the client sent, in canonical form.
    const requestSha256 = createHash('sha256').update(canonicalJson(JSON.parse(JSON.stringify(body)))).digest();
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        // What the request needs first, in one round trip: an earlier answer, the case, the keys.
        const [earlier, , directory] = await pipelined(manager, [
          this.referrals.findByIdempotencyKeyStatement(caller.principal.agencyId, idempotencyKey),
          this.cases.prepareGetIn(caller, body.fromCaseId),
          this.verifier.directoryReadFor(body.content),
        ] as const);
        if (earlier) return this.replay(manager, earlier, requestSha256);
        return { ...(await this.send(manager, caller, { idempotencyKey, requestSha256, directory }, body)), replayed: false };
      });
    } catch (error) {
      if (error instanceof WrapNotCoveredError) await this.logRefusedSend(caller, body, error.reason);
      // The same body seals the same record id: a racing twin fails on either unique key.
      if (error instanceof IdempotencyKeyTakenError || error instanceof RecordAlreadyExistsError) {
        const winner = await this.referrals.findByIdempotencyKey(this.dataSource.manager, caller.principal.agencyId, idempotencyKey);
        if (winner) return this.replay(this.dataSource.manager, winner, requestSha256);
      }
      throw error;
    }
  }

  /** The answer to a retry: the referral the key created; 409 if this request's body differs. */
  private async replay(manager: EntityManager, earlier: ReferralRow, requestSha256: Buffer): Promise<CreatedReferral> {
    if (!earlier.requestSha256.equals(requestSha256)) throw new IdempotencyKeyReusedError(earlier.id);
    return { ...this.view(earlier, 'sender', await this.policy.about(manager, earlier)), replayed: true };
  }

  async list(caller: CallerContext, box: 'in' | 'out', filter: { status?: ReferralStatus; since?: Date; cursor?: string; limit: number }): Promise<ReferralPage> {
    const manager = this.dataSource.manager;
    const rows = await this.referrals.list(manager, {
      agencyId: caller.principal.agencyId,
      box,
      status: filter.status,
      since: filter.since,
      after: filter.cursor ? REFERRAL_CURSOR.decode(filter.cursor) : undefined,
      limit: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    const side = box === 'in' ? 'receiver' : 'sender';
    const decisions = side === 'sender' ? await this.policy.aboutEach(manager, page) : new Map<string, ReferralDecisions>();
    const items = page.map((row) => this.view(row, side, decisions.get(row.id) ?? null));
    const last = page.at(-1);
    return { items, nextCursor: rows.length > filter.limit && last ? REFERRAL_CURSOR.encode({ time: last.position, id: last.id }) : null };
  }

  /** Status, history and ids only: no content, so no disclosure (both sides, even after revocation). */
  async getMetadata(caller: CallerContext, id: string): Promise<ReferralView & { content: null; history: StatusChange[] }> {
    const { referral, decisions, history } = await this.settled(caller, id);
    return { ...this.view(referral, sideOf(referral, caller), decisions), content: null, history };
  }

  /** Metadata, history and the sealed content with only the caller's own wrap. */
  async get(caller: CallerContext, id: string): Promise<ReferralView & { content: DeliveredRecord; history: StatusChange[] }> {
    const { referral, decisions, history } = await this.settled(caller, id);
    const side = sideOf(referral, caller);
    if (side === 'receiver') await this.assertReceiverMayRead(caller, referral, decisions);
    const content = await this.records.deliver(caller, referral.contentRecordId, referral.purpose, {
      case: referral.fromCaseId,
      discloser: referral.fromAgencyId,
      recipient: caller.principal.agencyId,
      categories: ['referral'],
      purpose: referral.purpose,
    });
    return { ...this.view(referral, side, decisions), content, history };
  }

  async changeStatus(caller: CallerContext, id: string, move: StatusMove, expectedVersion: number): Promise<ReferralView> {
    await this.settleEndedConsent(caller, id);
    return inTransaction(this.dataSource, async (manager) => {
      const referral = await this.lockVisible(manager, caller, id, expectedVersion);
      const side = sideOf(referral, caller);
      const moved = await this.statuses.move(manager, referral, side, move, caller);
      return this.view(moved, side, side === 'sender' ? await this.policy.about(manager, moved) : null);
    });
  }

  /** The receiver's sealed outcome note, wrapped back to the sender under the release's share-back. */
  async shareOutcome(caller: CallerContext, id: string, envelope: unknown, expectedVersion: number): Promise<ReferralView> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const referral = await this.lockVisible(manager, caller, id, expectedVersion);
        if (sideOf(referral, caller) !== 'receiver') throw new WrongSideError('Only the receiving agency shares an outcome note.');
        const verified = await this.verifier.verifyUpload(envelope, { caseId: referral.toCaseId, category: 'outcome', authorAgencyId: referral.toAgencyId }, manager);
        assertRecipients(verified, [referral.toAgencyId, referral.fromAgencyId], 'content');
        const basis = await this.decisions.basisForNewWrap(
          manager,
          { caseId: referral.fromCaseId, discloserAgencyId: referral.toAgencyId, category: 'outcome', action: 'share_content_back' },
          referral.fromAgencyId,
          wrapFor(verified, referral.fromAgencyId).consentId,
        );
        await this.records.store(manager, caller, verified, (agencyId) => (agencyId === referral.toAgencyId ? CUSTODIAN : basis));
        const version = referral.version + 1;
        const updatedAt = await this.referrals.setOutcomeRecord(manager, referral.id, verified.recordId, version);
        await this.events.publish(manager, { agencyId: referral.fromAgencyId, type: 'referral.outcome_shared', referralId: referral.id, recordId: verified.recordId });
        return this.view({ ...referral, outcomeRecordId: verified.recordId, version, updatedAt }, 'receiver', null);
      });
    } catch (error) {
      if (error instanceof WrapNotCoveredError) await this.logRefusedOutcome(caller, id, error.reason);
      throw error;
    }
  }

  async readOutcome(caller: CallerContext, id: string): Promise<DeliveredRecord> {
    const referral = await this.findVisible(this.dataSource.manager, caller, id);
    if (!referral.outcomeRecordId) throw new ReferralNotFoundError();
    if (sideOf(referral, caller) === 'sender') {
      const decision = (await this.policy.about(this.dataSource.manager, referral)).outcomeGoesBack();
      if (decision.decision === 'deny') {
        await this.ledger.recordDenial(this.dataSource.manager, caller, {
          case: referral.fromCaseId,
          discloser: referral.toAgencyId,
          recipient: caller.principal.agencyId,
          records: [referral.outcomeRecordId],
          categories: ['outcome'],
          purpose: referral.purpose,
          reason: decision.reason,
        });
        throw new ReferralNotFoundError();
      }
    }
    // Shared back under the release the referral rests on: the entry carries that release's purpose.
    return this.records.deliver(caller, referral.outcomeRecordId, referral.purpose, {
      case: referral.toCaseId,
      discloser: referral.toAgencyId,
      recipient: caller.principal.agencyId,
      categories: ['outcome'],
      purpose: referral.purpose,
    });
  }

  private async send(manager: EntityManager, caller: CallerContext, request: SendContext, body: CreateReferralDto): Promise<ReferralView> {
    const { idempotencyKey, requestSha256 } = request;
    const agencyId = caller.principal.agencyId;
    if (body.toAgencyId === agencyId) throw new ReferralFieldError('toAgencyId', 'a referral goes to another agency');
    const verified = await this.verifier.verifyUpload(body.content, { caseId: body.fromCaseId, category: 'referral', authorAgencyId: agencyId }, manager, request.directory);
    assertRecipients(verified, [agencyId, body.toAgencyId], 'content');
    if (wrapFor(verified, body.toAgencyId).consentId !== body.consentId) {
      throw new ReferralFieldError('content.wraps', 'the receiver\'s wrap must name the consent the referral rests on');
    }
    const { bases, world } = await this.decisions.basesForNewWraps(
      manager,
      { caseId: body.fromCaseId, discloserAgencyId: agencyId, category: 'referral', action: 'receive_referral', purpose: body.purpose },
      [{ agencyId: body.toAgencyId, consentId: body.consentId }],
    );
    const basis = bases.get(body.toAgencyId) as RecipientBasis;
    if (basis.kind !== 'consent') throw new ReferralFieldError('consentId', 'a referral rests on the survivor\'s consent');
    const toCaseId = randomUUID();
    // Three writes and the agreements in force between the two agencies (with their kinds), one round trip.
    const [, , created, inForce] = await pipelined(manager, [
      this.cases.prepareLinkedCase(manager, caller, { caseId: toCaseId, custodianAgencyId: body.toAgencyId, linkedFromCaseId: body.fromCaseId }),
      this.records.prepareStore(manager, caller, verified, (agency) => (agency === agencyId ? CUSTODIAN : basis)),
      this.referrals.insertRequestedStatement({
        id: randomUUID(),
        fromAgencyId: agencyId,
        toAgencyId: body.toAgencyId,
        fromCaseId: body.fromCaseId,
        toCaseId,
        consentId: body.consentId,
        purpose: body.purpose,
        priority: body.priority,
        contentRecordId: verified.recordId,
        idempotencyKey,
        requestSha256,
        createdByPrincipalId: caller.principal.id,
      }),
      this.agreements.inForceBetweenStatement(agencyId, body.toAgencyId),
    ] as const);
    const agreed = this.agreements.forReferral(inForce, { fromAgencyId: agencyId, toAgencyId: body.toAgencyId, purpose: body.purpose, priority: body.priority, createdAt: created.createdAt });
    const referral = agreed ? { ...created, deadlines: await this.referrals.insertDeadlines(manager, created.id, agreed) } : created;
    await this.ledger.record(manager, 'referral_sent', {
      actor: actorOf(caller),
      case: body.fromCaseId,
      recipient: body.toAgencyId,
      records: [verified.recordId],
      categories: ['referral'],
      purpose: body.purpose,
      requestId: caller.requestId,
      detail: {
        referral: referral.id,
        linkedCase: toCaseId,
        priority: body.priority,
        consent: body.consentId,
        agreement: agreed?.agreementId ?? null,
        agreementVersion: agreed?.agreementVersion ?? null,
        // Codes and times for the monitoring figures (decision 0128): never survivor data.
        fromKind: inForce.fromKind || null,
        toKind: inForce.toKind || null,
        deadlineSteps: (referral.deadlines ?? []).map((deadline) => deadline.step),
        deadlineTimes: (referral.deadlines ?? []).map((deadline) => new Date(deadline.respondBy).toISOString()),
      },
    });
    await this.events.publish(manager, { agencyId: body.toAgencyId, type: 'referral.received', referralId: referral.id, caseId: toCaseId });
    // The world the consent was decided on, under its lock: still what the answer should report.
    return this.view(referral, 'sender', this.policy.fromWorld(world, referral));
  }

  /**
   * The referral as visible to the caller (with its history, read in the same round trip), after
   * ending it if its release has ended, and the policy's answers about it.
   */
  private async settled(caller: CallerContext, id: string): Promise<{ referral: ReferralRow; decisions: ReferralDecisions; history: StatusChange[] }> {
    const manager = this.dataSource.manager;
    const agencyId = caller.principal.agencyId;
    const [referral, history, world] = await pipelined(manager, [
      this.referrals.findVisibleStatement(id, agencyId),
      this.referrals.historyStatement(id, agencyId),
      this.policy.worldStatement(id, agencyId),
    ] as const);
    if (!referral) throw new ReferralNotFoundError();
    const decisions = this.policy.aboutIn(world, referral);
    if (isTerminal(referral.status) || !decisions.endedConsent()) return { referral, decisions, history };
    const ended = await this.settleEndedConsent(caller, id);
    return { referral: ended, decisions: await this.policy.about(manager, ended), history: await this.referrals.history(manager, id, agencyId) };
  }

  /**
   * A release that ended (revoked or expired) ends the open referrals resting on it: revocation
   * does so at once (a revocation participant); expiry is noticed here, the first time anyone
   * touches the referral — no scheduled job is needed for correctness.
   */
  private async settleEndedConsent(caller: CallerContext, id: string): Promise<ReferralRow> {
    return inTransaction(this.dataSource, async (manager) => {
      const referral = await this.findVisible(manager, caller, id, true);
      if (isTerminal(referral.status)) return referral;
      const ended = (await this.policy.about(manager, referral)).endedConsent();
      if (!ended) return referral;
      return this.statuses.move(manager, referral, 'system', { to: 'cancelled', reason: ended, outcome: null }, null);
    });
  }

  private async assertReceiverMayRead(caller: CallerContext, referral: ReferralRow, decisions: ReferralDecisions): Promise<void> {
    const decision = decisions.receiverMayRead();
    if (decision.decision === 'permit') return;
    await this.ledger.recordDenial(this.dataSource.manager, caller, {
      case: referral.fromCaseId,
      discloser: referral.fromAgencyId,
      recipient: caller.principal.agencyId,
      records: [referral.contentRecordId],
      categories: ['referral'],
      purpose: referral.purpose,
      reason: decision.reason,
    });
    throw new ReferralNotFoundError();
  }

  private async lockVisible(manager: EntityManager, caller: CallerContext, id: string, expectedVersion: number): Promise<ReferralRow> {
    const referral = await this.findVisible(manager, caller, id, true);
    if (referral.version !== expectedVersion) throw new ReferralVersionConflictError(referral.version);
    return referral;
  }

  private async findVisible(manager: EntityManager, caller: CallerContext, id: string, lock = false): Promise<ReferralRow> {
    const referral = await this.referrals.findVisible(manager, id, caller.principal.agencyId, lock);
    if (!referral) throw new ReferralNotFoundError();
    return referral;
  }

  /** The receiver sees everything of its own work; the sender sees details only as the release grants. */
  private view(referral: ReferralRow, side: 'sender' | 'receiver', decisions: ReferralDecisions | null): ReferralView {
    if (side === 'receiver') return { referral, side, statusDetailsShared: true, outcomeAvailable: referral.outcomeRecordId !== null };
    const details = decisions?.statusDetailsGoBack().decision === 'permit';
    const outcome = referral.outcomeRecordId !== null && decisions?.outcomeGoesBack().decision === 'permit';
    return { referral, side, statusDetailsShared: details, outcomeAvailable: outcome };
  }

  private logRefusedSend(caller: CallerContext, body: CreateReferralDto, reason: string): Promise<void> {
    return this.ledger.recordDenial(this.dataSource.manager, caller, {
      case: body.fromCaseId,
      discloser: caller.principal.agencyId,
      recipient: body.toAgencyId,
      categories: ['referral'],
      purpose: body.purpose,
      reason,
      detail: { attempted: 'referral_send' },
    });
  }

  private async logRefusedOutcome(caller: CallerContext, id: string, reason: string): Promise<void> {
    const referral = await this.referrals.findVisible(this.dataSource.manager, id, caller.principal.agencyId);
    if (!referral) return;
    await this.ledger.recordDenial(this.dataSource.manager, caller, {
      case: referral.fromCaseId,
      discloser: referral.toAgencyId,
      recipient: referral.fromAgencyId,
      categories: ['outcome'],
      purpose: referral.purpose,
      reason,
      detail: { attempted: 'outcome_share', referral: id },
    });
  }
}

const CUSTODIAN: RecipientBasis = { kind: 'custodian', id: null };

function sideOf(referral: ReferralRow, caller: CallerContext): 'sender' | 'receiver' {
  return referral.fromAgencyId === caller.principal.agencyId ? 'sender' : 'receiver';
}

function wrapFor(verified: VerifiedRecordV1, agencyId: string) {
  return verified.wraps.find((wrap) => wrap.agencyId === agencyId) as VerifiedRecordV1['wraps'][number];
}

/** A referral's content and outcome are for exactly two agencies: never a third. */
function assertRecipients(verified: VerifiedRecordV1, agencies: string[], field: string): void {
  const wrapped = verified.wraps.map((wrap) => wrap.agencyId).sort();
  if (wrapped.length !== 2 || wrapped.join() !== [...agencies].sort().join()) {
    throw new EnvelopeRejectedError('referral_recipients', 'a referral record is wrapped for exactly the sender and the receiver', `${field}.wraps`);
  }
}
