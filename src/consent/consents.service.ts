import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { CasesService } from '../cases/cases.service';
import { NotFoundError } from '../platform/errors/domain-error';
import { type DeliveredRecord } from '../records/records.service';
import { CustodianRecords } from '../cases/custodian-records';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { type VerifiedRecordV1 } from '../crypto';
import { onDuplicate } from '../cases/duplicates';
import { inTransaction } from '../database/transactions';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { UnprocessableError } from '../platform/errors/domain-error';
import { ConsentAlreadyExistsError, ConsentNotFoundError, ConsentRevokedError, ConsentVersionConflictError } from './consent.errors';
import { consentTermsProblems } from './consent-rules';
import { ConsentSignatures } from './consent-signatures';
import { type ConsentTermsV1, consentTermsV1 } from './consent-terms';
import { type ConsentRecordView, ConsentViews } from './consent-views';
import { ConsentsRepository } from './consents.repository';
import { type AmendConsentDto, type ConsentTermsDto, type RecordConsentDto } from './dto/consent-terms.dto';
import { ConsentVersionEntity } from './entities/consent-version.entity';
import { ConsentEntity } from './entities/consent.entity';
import { PartiesRepository } from './parties.repository';
import { type WithdrawnWrap, WrapReconciler } from './wrap-reconciler';

export interface ConsentChange {
  view: ConsentRecordView;
  wrapsWithdrawn: WithdrawnWrap[];
}

interface Parties {
  consentId: string;
  caseId: string;
  custodianAgencyId: string;
  recipientAgencyId: string;
}

/** Recording, reading and amending releases; revocation is RevocationService. */
@Injectable()
export class ConsentsService {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly custodianRecords: CustodianRecords,
    private readonly consents: ConsentsRepository,
    private readonly parties: PartiesRepository,
    private readonly signatures: ConsentSignatures,
    private readonly views: ConsentViews,
    private readonly reconciler: WrapReconciler,
    private readonly ledger: LedgerWriter,
  ) {}

  /** A concurrent recording of the same client-chosen id loses on the primary key: still a 409. */
  record(caller: CallerContext, caseId: string, input: RecordConsentDto): Promise<ConsentChange> {
    return onDuplicate(() => this.recordIn(caller, caseId, input), () => new ConsentAlreadyExistsError());
  }

  private recordIn(caller: CallerContext, caseId: string, input: RecordConsentDto): Promise<ConsentChange> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.cases.getIn(manager, caller, caseId);
      if (await this.consents.exists(manager, input.consentId)) throw new ConsentAlreadyExistsError();
      const parties = { consentId: input.consentId, caseId, custodianAgencyId: caller.principal.agencyId, recipientAgencyId: input.recipientAgencyId };
      const { version, words } = await this.checkedVersion(manager, caller, parties, input, { number: 1, requireActiveRecipient: true, previousWords: null });
      const consent = Object.assign(new ConsentEntity(), { id: parties.consentId, caseId, custodianAgencyId: parties.custodianAgencyId, recipientAgencyId: parties.recipientAgencyId, currentVersion: 1 });
      await this.consents.insert(manager, consent, version);
      await this.logChange(manager, caller, 'consent_recorded', parties, version);
      if (words) await this.custodianRecords.store(manager, caller, words);
      const wrapsWithdrawn = version.denyAgencyIds.length > 0 ? await this.reconciler.withdrawUncovered(manager, caller, caseId, { kind: 'consent_recorded', consentId: consent.id }) : [];
      return { view: await this.reread(manager, caller, consent.id), wrapsWithdrawn };
    });
  }

  async listOfCase(caller: CallerContext, caseId: string): Promise<ConsentRecordView[]> {
    const manager = this.dataSource.manager;
    await this.cases.getIn(manager, caller, caseId);
    return this.views.of(manager, await this.consents.listOfCase(manager, caseId, caller.principal.agencyId));
  }

  /** The sealed record with the survivor's own words of one version (default: current), custodian only. */
  async readTermsRecord(caller: CallerContext, consentId: string, version?: number): Promise<DeliveredRecord> {
    const view = await this.get(caller, consentId);
    const chosen = version === undefined ? view.current : view.versions.find((each) => each.version === version);
    if (!chosen?.termsRecordId) throw new NotFoundError('sealed terms record for that consent version');
    return this.custodianRecords.read(caller, chosen.termsRecordId, view.consent.caseId, 'consent_terms');
  }

  get(caller: CallerContext, consentId: string): Promise<ConsentRecordView> {
    return this.reread(this.dataSource.manager, caller, consentId);
  }

  /** A new version that supersedes the current one; refused for a revoked consent (409). */
  amend(caller: CallerContext, consentId: string, input: AmendConsentDto): Promise<ConsentChange> {
    return inTransaction(this.dataSource, async (manager) => {
      const consent = await this.consents.findOwned(manager, consentId, caller.principal.agencyId, true);
      if (!consent) throw new ConsentNotFoundError();
      if (consent.revokedAt !== null) throw new ConsentRevokedError();
      if (input.version !== consent.currentVersion + 1) throw new ConsentVersionConflictError(consent.currentVersion);
      const [previous] = (await this.consents.versionsOf(manager, [consentId])).filter((each) => each.version === consent.currentVersion);
      const parties = { consentId, caseId: consent.caseId, custodianAgencyId: consent.custodianAgencyId, recipientAgencyId: consent.recipientAgencyId };
      const { version, words } = await this.checkedVersion(manager, caller, parties, input, {
        number: input.version,
        requireActiveRecipient: false,
        previousWords: previous.termsRecordId,
      });
      await this.consents.insertVersion(manager, version);
      await this.logChange(manager, caller, 'consent_amended', parties, version);
      if (words) await this.custodianRecords.store(manager, caller, words);
      const wrapsWithdrawn = await this.reconciler.withdrawUncovered(manager, caller, consent.caseId, { kind: 'consent_amended', consentId });
      return { view: await this.reread(manager, caller, consentId), wrapsWithdrawn };
    });
  }

  private async reread(manager: EntityManager, caller: CallerContext, consentId: string): Promise<ConsentRecordView> {
    const consent = await this.consents.findOwned(manager, consentId, caller.principal.agencyId);
    if (!consent) throw new ConsentNotFoundError();
    return this.views.one(manager, consent);
  }

  /**
   * Every rule, then the sealed words, then the signature over exactly what will be stored.
   * Without a new words record, an amendment keeps the previous version's (and signs its id).
   */
  private async checkedVersion(
    manager: EntityManager,
    caller: CallerContext,
    parties: Parties,
    input: ConsentTermsDto,
    options: { number: number; requireActiveRecipient: boolean; previousWords: string | null },
  ): Promise<{ version: ConsentVersionEntity; words: VerifiedRecordV1 | null }> {
    const denyAgencyIds = input.denyAgencyIds ?? [];
    const agencies = await this.parties.agencies(manager, [parties.custodianAgencyId, parties.recipientAgencyId, ...denyAgencyIds]);
    const problems = consentTermsProblems(
      { ...parties, ...input, denyAgencyIds, validFrom: new Date(input.validFrom), validUntil: new Date(input.validUntil) },
      { now: new Date(), maxDurationDays: this.config.consent.maxDurationDays, agencies, requireActiveRecipient: options.requireActiveRecipient },
    );
    if (problems.length > 0) throw new UnprocessableError(problems);
    const words = input.terms === undefined ? null : await this.custodianRecords.verify(manager, input.terms, { caseId: parties.caseId, category: 'consent_terms', agencyId: parties.custodianAgencyId, field: 'terms' });
    const terms = consentTermsV1({ ...parties, ...input, denyAgencyIds, termsRecordId: words?.recordId ?? options.previousWords });
    const signature = await this.signatures.verifyTerms(manager, { agencyId: parties.custodianAgencyId, epoch: input.signerEpoch, signature: input.signature }, parties.consentId, options.number, terms);
    return { version: this.versionRow(caller, parties.consentId, options.number, terms, input.signerEpoch, signature), words };
  }

  private versionRow(caller: CallerContext, consentId: string, number: number, terms: ConsentTermsV1, signerEpoch: number, signature: Buffer): ConsentVersionEntity {
    return Object.assign(new ConsentVersionEntity(), {
      consentId,
      version: number,
      categories: terms.categories,
      actions: terms.actions,
      purpose: terms.purpose,
      validFrom: new Date(terms.validFrom),
      validUntil: new Date(terms.validUntil),
      captureMode: terms.captureMode,
      language: terms.language,
      interpreter: terms.interpreter,
      informedConsent: terms.informedConsent,
      denyAgencyIds: terms.denyAgencyIds,
      releaseDocumentSha256: terms.releaseDocumentSha256 === null ? null : Buffer.from(terms.releaseDocumentSha256, 'hex'),
      termsRecordId: terms.termsRecordId,
      recordedByPrincipalId: caller.principal.id,
      recordedAt: new Date(),
      signerEpoch,
      signature,
    });
  }

  /** Ids and codes only: deny provisions are counted, never listed (they hint at who the survivor fears). */
  private async logChange(manager: EntityManager, caller: CallerContext, kind: 'consent_recorded' | 'consent_amended', parties: Parties, version: ConsentVersionEntity): Promise<void> {
    await this.ledger.record(manager, kind, {
      actor: actorOf(caller),
      case: parties.caseId,
      recipient: parties.recipientAgencyId,
      categories: version.categories,
      purpose: version.purpose,
      basis: { kind: 'consent', consent: parties.consentId, version: version.version },
      requestId: caller.requestId,
      detail: {
        actions: version.actions,
        captureMode: version.captureMode,
        validFrom: version.validFrom.toISOString(),
        validUntil: version.validUntil.toISOString(),
        denyProvisions: version.denyAgencyIds.length,
        signerEpoch: version.signerEpoch,
      },
    });
  }
}
