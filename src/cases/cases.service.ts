import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CUSTODIAN_PURPOSE } from '../consent/consent.vocabulary';
import { type CallerContext } from '../auth/caller-context';
import { type Statement } from '../database/statement';
import { inTransaction } from '../database/transactions';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { cursorCodec } from '../platform/paging/cursor';
import { type DeliveredRecord, RecordsService } from '../records/records.service';
import { onDuplicate } from './duplicates';
import { CaseAlreadyExistsError, CaseIdRequiredError, CaseNotFoundError, ProfileNotFoundError, ProfileVersionConflictError } from './cases.errors';
import { type CaseRow, CasesRepository } from './cases.repository';
import { CustodianRecords } from './custodian-records';

/** Newest first: (created_at, id) descending. */
export const CASE_CURSOR = cursorCodec('cases', { time: 'time', id: 'uuid' });

export interface OpenCase {
  caseId?: string;
  profile?: unknown;
}

export interface CasePage {
  items: CaseRow[];
  nextCursor: string | null;
}

/** The purpose logged when the custodian's own staff open the survivor profile. */
export const CUSTODIAN_CASE_WORK = CUSTODIAN_PURPOSE;

const DEFAULT_PAGE_SIZE = 50;

/** Cases are pseudonymous handles of one custodian agency; the profile is a sealed record of it. */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly custodianRecords: CustodianRecords,
    private readonly records: RecordsService,
    private readonly ledger: LedgerWriter,
  ) {}

  async open(caller: CallerContext, input: OpenCase): Promise<CaseRow> {
    if (input.profile !== undefined && input.caseId === undefined) throw new CaseIdRequiredError();
    const caseId = input.caseId ?? randomUUID();
    const open = () =>
      inTransaction(this.dataSource, async (manager) => {
        await this.openIn(manager, caller, { caseId, linkedFromCaseId: null, profile: input.profile });
        return this.getIn(manager, caller, caseId);
      });
    // A concurrent opening of the same client-chosen id loses on the primary key: still a 409.
    return onDuplicate(open, () => new CaseAlreadyExistsError());
  }

  /**
   * Opens a case for the caller's agency in the caller's transaction and logs `case_opened`;
   * the referrals module uses it to give a receiving agency its own linked handle.
   */
  async openIn(manager: EntityManager, caller: CallerContext, input: { caseId: string; linkedFromCaseId: string | null; profile?: unknown }): Promise<void> {
    const agencyId = caller.principal.agencyId;
    if (await this.cases.exists(manager, input.caseId)) throw new CaseAlreadyExistsError();
    const profile =
      input.profile === undefined
        ? null
        : await this.custodianRecords.verify(manager, input.profile, { caseId: input.caseId, category: 'profile', agencyId, field: 'profile' });
    if (profile && profile.supersedes !== null) throw new ProfileVersionConflictError(null);
    await this.cases.insert(manager, { id: input.caseId, custodianAgencyId: agencyId, linkedFromCaseId: input.linkedFromCaseId, profileRecordId: profile?.recordId ?? null });
    await this.ledger.record(manager, 'case_opened', {
      actor: actorOf(caller),
      case: input.caseId,
      requestId: caller.requestId,
      detail: { linkedFromCase: input.linkedFromCaseId, profile: profile !== null },
    });
    if (profile) await this.custodianRecords.store(manager, caller, profile);
  }

  /**
   * A referral gives the receiving agency its own handle, linked to the sender's case: opened in
   * the referral's transaction, custodian = the receiver, logged as `case_opened` by the sender.
   * Prepared, for the caller to pipeline with its own writes: the entry is queued once it ran.
   */
  prepareLinkedCase(manager: EntityManager, caller: CallerContext, input: { caseId: string; custodianAgencyId: string; linkedFromCaseId: string }): Statement<void> {
    const insert = this.cases.insertStatement({ id: input.caseId, custodianAgencyId: input.custodianAgencyId, linkedFromCaseId: input.linkedFromCaseId, profileRecordId: null });
    return {
      ...insert,
      read: () => {
        void this.ledger.record(manager, 'case_opened', {
          actor: actorOf(caller),
          case: input.caseId,
          recipient: input.custodianAgencyId,
          requestId: caller.requestId,
          detail: { linkedFromCase: input.linkedFromCaseId, profile: false },
        });
      },
    };
  }

  async list(caller: CallerContext, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<CasePage> {
    const after = cursor === undefined ? null : CASE_CURSOR.decode(cursor);
    const rows = await this.cases.listOwned(this.dataSource.manager, caller.principal.agencyId, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? CASE_CURSOR.encode({ time: last.position, id: last.id }) : null };
  }

  get(caller: CallerContext, caseId: string): Promise<CaseRow> {
    return this.getIn(this.dataSource.manager, caller, caseId);
  }

  /** getIn() without lock, prepared for the caller's pipeline: its result throws the same 404. */
  prepareGetIn(caller: CallerContext, caseId: string): Statement<CaseRow> {
    const find = this.cases.findOwnedStatement(caseId, caller.principal.agencyId);
    return {
      ...find,
      read: (rows, command) => {
        const row = find.read(rows, command);
        if (!row) throw new CaseNotFoundError();
        return row;
      },
    };
  }

  /** The caller's agency's case, or 404 exactly like a missing one. With `lock`: FOR UPDATE. */
  async getIn(manager: EntityManager, caller: CallerContext, caseId: string, lock = false): Promise<CaseRow> {
    const row = await this.cases.findOwned(manager, caseId, caller.principal.agencyId, lock);
    if (!row) throw new CaseNotFoundError();
    return row;
  }

  /** The current profile, through the logging read path (an `access` entry). */
  async readProfile(caller: CallerContext, caseId: string): Promise<DeliveredRecord> {
    const row = await this.get(caller, caseId);
    if (!row.profileRecordId) throw new ProfileNotFoundError();
    const agencyId = caller.principal.agencyId;
    return this.records.deliver(caller, row.profileRecordId, CUSTODIAN_CASE_WORK, {
      case: caseId,
      discloser: agencyId,
      recipient: agencyId,
      categories: ['profile'],
      purpose: CUSTODIAN_CASE_WORK,
    });
  }

  /** A new profile version; it must supersede the current one (optimistic concurrency, 409 otherwise). */
  replaceProfile(caller: CallerContext, caseId: string, envelope: unknown): Promise<CaseRow> {
    return inTransaction(this.dataSource, async (manager) => {
      const row = await this.getIn(manager, caller, caseId, true);
      const profile = await this.custodianRecords.verify(manager, envelope, { caseId, category: 'profile', agencyId: caller.principal.agencyId, field: 'profile' });
      if (profile.supersedes !== row.profileRecordId) throw new ProfileVersionConflictError(row.profileRecordId);
      await this.custodianRecords.store(manager, caller, profile);
      await this.cases.setProfile(manager, caseId, profile.recordId);
      return this.getIn(manager, caller, caseId);
    });
  }
}
