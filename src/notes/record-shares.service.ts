import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { ConsentDecisionService } from '../consent/consent-decision.service';
import { WrapNotCoveredError } from '../consent/consent.errors';
import { SHAREABLE_NOTE_CATEGORIES, type NoteCategory } from '../consent/consent.vocabulary';
import { inTransaction } from '../database/transactions';
import { EventsService } from '../events/events.service';
import { EnvelopeVerifier } from '../keys/envelope-verifier';
import { LedgerWriter } from '../ledger/ledger-writer';
import { RecordNotFoundError } from '../records/records.errors';
import { RecordsService } from '../records/records.service';
import { WrongSideError } from '../referrals/referrals.errors';
import { AlreadyRecipientError, ShareNotAllowedError } from './notes.errors';
import { NotesRepository } from './notes.repository';

/**
 * Adding a newly consented agency to an existing record: the custodian's SDK re-wraps the DEK and
 * signs a share statement; the server accepts it only if a consent of the case covers that agency
 * for the record's category now. The server itself can never add a recipient.
 */
@Injectable()
export class RecordSharesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notes: NotesRepository,
    private readonly verifier: EnvelopeVerifier,
    private readonly decisions: ConsentDecisionService,
    private readonly records: RecordsService,
    private readonly events: EventsService,
    private readonly ledger: LedgerWriter,
  ) {}

  async share(caller: CallerContext, recordId: string, share: unknown): Promise<{ recordId: string; agencyId: string; basisId: string }> {
    const agencyId = caller.principal.agencyId;
    const seen: { caseId?: string; category?: string; purpose?: string } = {};
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const record = await this.records.findVisible(manager, recordId, agencyId);
        if (!record) throw new RecordNotFoundError();
        if (record.authorAgencyId !== agencyId) throw new WrongSideError('Only the agency that wrote a record shares it with another agency.');
        if (!(SHAREABLE_NOTE_CATEGORIES as readonly string[]).includes(record.category)) throw new ShareNotAllowedError(`${record.category} records are not shared this way`);
        Object.assign(seen, { caseId: record.caseId, category: record.category });
        const shareContext = await this.records.shareContext(manager, recordId);
        if (shareContext.wraps.some((wrap) => wrap.agencyId === (share as { agencyId?: unknown } | null)?.agencyId)) throw new AlreadyRecipientError();
        const verified = await this.verifier.verifyShareUpload(share, shareContext, { sharerAgencyId: agencyId }, manager);
        // The share asks under the release its wrap names (decision 0044): a refusal records that purpose.
        seen.purpose = (await this.notes.releasePurpose(manager, verified.consentId, record.caseId, agencyId)) ?? undefined;
        const request = { caseId: record.caseId, discloserAgencyId: agencyId, category: record.category as NoteCategory, action: 'receive_notes' as const };
        const basis = await this.decisions.basisForNewWrap(manager, request, verified.agencyId, verified.consentId);
        await this.records.addShare(manager, caller, record, verified, basis);
        await this.events.publish(manager, { agencyId: verified.agencyId, type: 'record.shared', recordId });
        return { recordId, agencyId: verified.agencyId, basisId: verified.consentId };
      });
    } catch (error) {
      if (error instanceof WrapNotCoveredError && seen.caseId && seen.category) {
        const { caseId, category } = seen;
        await this.ledger.recordDenial(this.dataSource.manager, caller, {
          case: caseId,
          discloser: agencyId,
          recipient: error.recipientAgencyId,
          records: [recordId],
          categories: [category],
          purpose: seen.purpose,
          reason: error.reason,
          detail: { attempted: 'record_share' },
        });
      }
      throw error;
    }
  }
}
