import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import {
  type RevocationEffect,
  type RevocationParticipant,
  RevocationParticipantProvider,
  type RevokedConsent,
} from '../consent/revocation-participant';
import { EventsService } from './events.service';

/** The recipient agency is told at once that a release to it was revoked (ids only). */
@Injectable()
@RevocationParticipantProvider()
export class ConsentRevocationNotifier implements RevocationParticipant {
  constructor(private readonly events: EventsService) {}

  async onConsentRevoked(manager: EntityManager, _caller: CallerContext, consent: RevokedConsent): Promise<RevocationEffect[]> {
    await this.events.publish(manager, { agencyId: consent.recipientAgencyId, type: 'consent.revoked', consentId: consent.id });
    return [{ kind: 'recipient_notified', ids: [consent.recipientAgencyId], summary: 'The recipient agency was notified that the release is revoked and must stop using what it received.' }];
  }
}
