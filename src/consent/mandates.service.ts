import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { CasesService } from '../cases/cases.service';
import { CustodianRecords } from '../cases/custodian-records';
import { inTransaction } from '../database/transactions';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { NotFoundError, UnprocessableError } from '../platform/errors/domain-error';
import { type DeliveredRecord, RecordsService } from '../records/records.service';
import { MandateAlreadyWithdrawnError, MandateNotFoundError } from './consent.errors';
import { type RegisterMandateDto, type UpdateMandateDto } from './dto/mandate-input.dto';
import { MandateEntity } from './entities/mandate.entity';
import { mandateProblems, notificationProblems } from './mandate-rules';
import { type MandateRecordView, MandateViews } from './mandate-views';
import { type NotificationFields, MandatesRepository } from './mandates.repository';
import { PartiesRepository } from './parties.repository';

const dateOrNull = (value: string | undefined) => (value === undefined ? null : new Date(value));

/**
 * The register of compelled disclosures: the only path around consent, never for
 * vawa_fvpsa_voca or part2 data without a court order, and loud in the log (`compelled: true`).
 */
@Injectable()
export class MandatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly custodianRecords: CustodianRecords,
    private readonly records: RecordsService,
    private readonly mandates: MandatesRepository,
    private readonly parties: PartiesRepository,
    private readonly views: MandateViews,
    private readonly ledger: LedgerWriter,
  ) {}

  register(caller: CallerContext, caseId: string, input: RegisterMandateDto): Promise<MandateRecordView> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.cases.getIn(manager, caller, caseId);
      const mandate = await this.checkedMandate(manager, caller, caseId, input);
      const details = input.details === undefined ? null : await this.custodianRecords.verify(manager, input.details, { caseId, category: 'mandate_details', agencyId: mandate.custodianAgencyId, field: 'details' });
      mandate.detailsRecordId = details?.recordId ?? null;
      await this.mandates.insert(manager, mandate);
      await this.ledger.record(manager, 'mandate_registered', {
        actor: actorOf(caller),
        case: caseId,
        recipient: mandate.recipientAgencyId,
        categories: mandate.categories,
        basis: { kind: 'mandate', mandate: mandate.id },
        requestId: caller.requestId,
        detail: { compelled: true, basis: mandate.basis, survivorNotification: mandate.survivorNotification, notificationReason: mandate.notificationReason },
      });
      if (details) await this.custodianRecords.store(manager, caller, details);
      return this.reread(manager, caller, mandate.id);
    });
  }

  async listOfCase(caller: CallerContext, caseId: string): Promise<MandateRecordView[]> {
    const manager = this.dataSource.manager;
    await this.cases.getIn(manager, caller, caseId);
    return this.views.of(manager, await this.mandates.listOfCase(manager, caseId, caller.principal.agencyId));
  }

  /** The sealed citation, docket and court of a mandate, custodian only. */
  async readDetails(caller: CallerContext, mandateId: string): Promise<DeliveredRecord> {
    const { mandate } = await this.get(caller, mandateId);
    if (!mandate.detailsRecordId) throw new NotFoundError('sealed details record for that mandate');
    return this.custodianRecords.read(caller, mandate.detailsRecordId, mandate.caseId, 'mandate_details');
  }

  get(caller: CallerContext, mandateId: string): Promise<MandateRecordView> {
    return this.reread(this.dataSource.manager, caller, mandateId);
  }

  /** A notification update and/or a withdrawal; withdrawal deletes the wraps the mandate justified. */
  update(caller: CallerContext, mandateId: string, input: UpdateMandateDto): Promise<MandateRecordView> {
    return inTransaction(this.dataSource, async (manager) => {
      const mandate = await this.mandates.findOwned(manager, mandateId, caller.principal.agencyId, true);
      if (!mandate) throw new MandateNotFoundError();
      const notification = this.checkedNotification(input);
      if (notification === null && input.withdrawn === undefined) {
        throw new UnprocessableError([{ field: 'survivorNotification', messages: ['send a notification update (survivorNotification) or withdrawn: true'] }]);
      }
      if (input.withdrawn && mandate.withdrawnAt !== null) throw new MandateAlreadyWithdrawnError();
      if (notification) await this.mandates.setNotification(manager, mandateId, notification);
      const wrapsDeleted = input.withdrawn ? await this.withdraw(manager, caller, mandate) : 0;
      await this.ledger.record(manager, 'mandate_updated', {
        actor: actorOf(caller),
        case: mandate.caseId,
        recipient: mandate.recipientAgencyId,
        basis: { kind: 'mandate', mandate: mandateId },
        requestId: caller.requestId,
        detail: {
          compelled: true,
          withdrawn: input.withdrawn === true,
          wrapsDeleted,
          survivorNotification: notification?.survivorNotification ?? null,
          notificationReason: notification?.notificationReason ?? null,
        },
      });
      return this.reread(manager, caller, mandateId);
    });
  }

  private async reread(manager: EntityManager, caller: CallerContext, mandateId: string): Promise<MandateRecordView> {
    const mandate = await this.mandates.findOwned(manager, mandateId, caller.principal.agencyId);
    if (!mandate) throw new MandateNotFoundError();
    const [view] = await this.views.of(manager, [mandate]);
    return view;
  }

  private async checkedMandate(manager: EntityManager, caller: CallerContext, caseId: string, input: RegisterMandateDto): Promise<MandateEntity> {
    const custodianAgencyId = caller.principal.agencyId;
    const reviewerId = input.reviewedByPrincipalId ?? caller.principal.id;
    const notification = { survivorNotification: input.survivorNotification, survivorNotifiedAt: dateOrNull(input.survivorNotifiedAt), notificationReason: input.notificationReason ?? null };
    const mandate = Object.assign(new MandateEntity(), {
      id: randomUUID(),
      caseId,
      custodianAgencyId,
      recipientAgencyId: input.recipientAgencyId,
      basis: input.basis,
      categories: input.categories,
      validFrom: new Date(input.validFrom),
      validUntil: dateOrNull(input.validUntil),
      reviewedByPrincipalId: reviewerId,
      reviewedAt: new Date(input.reviewedAt),
      ...notification,
      detailsRecordId: null,
      withdrawnAt: null,
      withdrawnByPrincipalId: null,
      recordedByPrincipalId: caller.principal.id,
      recordedAt: new Date(),
    });
    const problems = mandateProblems(mandate, notification, {
      now: new Date(),
      agencies: await this.parties.agencies(manager, [custodianAgencyId, input.recipientAgencyId]),
      reviewer: { requested: input.reviewedByPrincipalId !== undefined, person: input.reviewedByPrincipalId === undefined ? null : await this.parties.principal(manager, input.reviewedByPrincipalId) },
    });
    if (problems.length > 0) throw new UnprocessableError(problems);
    return mandate;
  }

  /** The whole new notification state, checked; null when the request does not change it. */
  private checkedNotification(input: UpdateMandateDto): NotificationFields | null {
    if (input.survivorNotification === undefined) {
      if (input.survivorNotifiedAt !== undefined || input.notificationReason !== undefined) {
        throw new UnprocessableError([{ field: 'survivorNotification', messages: ['send survivorNotification with survivorNotifiedAt or notificationReason'] }]);
      }
      return null;
    }
    const notification = { survivorNotification: input.survivorNotification, survivorNotifiedAt: dateOrNull(input.survivorNotifiedAt), notificationReason: input.notificationReason ?? null };
    const problems = notificationProblems(notification, new Date());
    if (problems.length > 0) throw new UnprocessableError(problems);
    return notification;
  }

  private async withdraw(manager: EntityManager, caller: CallerContext, mandate: MandateEntity): Promise<number> {
    await this.mandates.markWithdrawn(manager, mandate.id, caller.principal.id);
    const deleted = await this.records.deleteWrapsForBasis(manager, mandate.id);
    if (deleted.length > 0) {
      await this.ledger.record(manager, 'wraps_deleted', {
        actor: actorOf(caller),
        case: mandate.caseId,
        recipient: mandate.recipientAgencyId,
        records: [...new Set(deleted.map((wrap) => wrap.recordId))],
        basis: { kind: 'mandate', mandate: mandate.id },
        requestId: caller.requestId,
        detail: { trigger: 'mandate_withdrawn', compelled: true },
      });
    }
    return deleted.length;
  }
}
