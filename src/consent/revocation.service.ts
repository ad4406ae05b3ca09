import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { inTransaction } from '../database/transactions';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { RecordsService } from '../records/records.service';
import { ConsentAlreadyRevokedError, ConsentNotFoundError, SignatureRejectedError } from './consent.errors';
import { ConsentSignatures } from './consent-signatures';
import { type ConsentRecordView, ConsentViews } from './consent-views';
import { type DeliveryRow, ConsentsRepository } from './consents.repository';
import { type RevokeConsentDto } from './dto/revoke-consent.dto';
import { type ConsentEntity } from './entities/consent.entity';
import { type RevocationEffect, type RevokedConsent } from './revocation-participant';
import { RevocationParticipants } from './revocation-participants';

export interface RevocationOutcome {
  view: ConsentRecordView;
  effects: RevocationEffect[];
  /** What the recipient already read under this consent: it cannot be recalled. */
  notRecalled: DeliveryRow[];
  logIndex: number;
}

/**
 * Revocation (C-12): immediate, and cascading in the same transaction — the consent row is
 * locked FOR UPDATE (a delivery in flight holds FOR SHARE on it and finishes first; every later
 * one sees the revocation), its wraps are deleted, every participant (referrals, events) does its
 * part, and the `consent_revoked` entry is appended. All of it commits, or none of it.
 */
@Injectable()
export class RevocationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consents: ConsentsRepository,
    private readonly signatures: ConsentSignatures,
    private readonly records: RecordsService,
    private readonly participants: RevocationParticipants,
    private readonly views: ConsentViews,
    private readonly ledger: LedgerWriter,
  ) {}

  revoke(caller: CallerContext, consentId: string, input: RevokeConsentDto): Promise<RevocationOutcome> {
    return inTransaction(this.dataSource, async (manager) => {
      const agencyId = caller.principal.agencyId;
      const consent = await this.consents.findOwned(manager, consentId, agencyId, true);
      if (!consent) throw new ConsentNotFoundError();
      if (consent.revokedAt !== null) throw new ConsentAlreadyRevokedError(consent.revokedAt);
      const signature = await this.checkSignature(manager, caller, consent, input);
      await this.consents.markRevoked(manager, consentId, { principalId: caller.principal.id, channel: input.channel, signerEpoch: signature ? (input.signerEpoch as number) : null, signature });
      const revoked = await this.revokedView(manager, agencyId, consentId);
      const effects = [await this.deleteWraps(manager, caller, revoked), ...(await this.runParticipants(manager, caller, revoked))];
      // Reads that won the race for the consent's lock have committed their entries: into the tree
      // with them first, so that what was delivered is listed in full (decision 0036).
      await this.ledger.integrateCommitted(manager);
      const notRecalled = await this.consents.deliveriesUnder(manager, consentId, consent.recipientAgencyId);
      const view = await this.views.one(manager, await this.reread(manager, agencyId, consentId));
      await this.logRevocation(manager, caller, revoked, effects, notRecalled, signature !== null);
      return { view, effects, notRecalled, logIndex: await this.ledger.flush(manager) };
    });
  }

  private async checkSignature(manager: EntityManager, caller: CallerContext, consent: ConsentEntity, input: RevokeConsentDto): Promise<Buffer | null> {
    if (input.signature === undefined && input.signerEpoch === undefined) return null;
    if (input.signature === undefined || input.signerEpoch === undefined) {
      throw new SignatureRejectedError(input.signature === undefined ? 'signature' : 'signerEpoch', 'send signerEpoch and signature together, or neither');
    }
    const by = { agencyId: caller.principal.agencyId, epoch: input.signerEpoch, signature: input.signature };
    return this.signatures.verifyRevocation(manager, by, consent.id, consent.currentVersion, input.channel);
  }

  private async reread(manager: EntityManager, agencyId: string, consentId: string): Promise<ConsentEntity> {
    return (await this.consents.findOwned(manager, consentId, agencyId)) as ConsentEntity;
  }

  private async revokedView(manager: EntityManager, agencyId: string, consentId: string): Promise<RevokedConsent> {
    const consent = await this.reread(manager, agencyId, consentId);
    return {
      id: consent.id,
      caseId: consent.caseId,
      custodianAgencyId: consent.custodianAgencyId,
      recipientAgencyId: consent.recipientAgencyId,
      version: consent.currentVersion,
      revokedAt: consent.revokedAt as Date,
      channel: consent.revocationChannel as RevokedConsent['channel'],
    };
  }

  /** Stop: the wraps the consent justified go, so the server can no longer hand out those keys. */
  private async deleteWraps(manager: EntityManager, caller: CallerContext, consent: RevokedConsent): Promise<RevocationEffect> {
    const deleted = await this.records.deleteWrapsForBasis(manager, consent.id);
    const recordIds = [...new Set(deleted.map((wrap) => wrap.recordId))];
    if (deleted.length > 0) {
      await this.ledger.record(manager, 'wraps_deleted', {
        actor: actorOf(caller),
        case: consent.caseId,
        recipient: consent.recipientAgencyId,
        records: recordIds,
        basis: { kind: 'consent', consent: consent.id, version: consent.version },
        requestId: caller.requestId,
        detail: { trigger: 'consent_revoked', agencies: [...new Set(deleted.map((wrap) => wrap.agencyId))] },
      });
    }
    return { kind: 'wraps_deleted', ids: recordIds, summary: `Key wraps deleted for ${recordIds.length} record(s): the server will not deliver them under this consent again.` };
  }

  private async runParticipants(manager: EntityManager, caller: CallerContext, consent: RevokedConsent): Promise<RevocationEffect[]> {
    const effects: RevocationEffect[] = [];
    for (const participant of this.participants.all()) effects.push(...(await participant.onConsentRevoked(manager, caller, consent)));
    return effects;
  }

  private logRevocation(manager: EntityManager, caller: CallerContext, consent: RevokedConsent, effects: readonly RevocationEffect[], notRecalled: readonly DeliveryRow[], signed: boolean): Promise<void> {
    return this.ledger.record(manager, 'consent_revoked', {
      actor: actorOf(caller),
      case: consent.caseId,
      recipient: consent.recipientAgencyId,
      basis: { kind: 'consent', consent: consent.id, version: consent.version },
      requestId: caller.requestId,
      detail: {
        channel: consent.channel,
        signed,
        effects: effects.map((effect) => `${effect.kind}:${effect.ids.length}`),
        notRecalled: notRecalled.length,
      },
    });
  }
}
