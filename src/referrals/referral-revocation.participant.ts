import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import {
  type RevocationEffect,
  type RevocationParticipant,
  RevocationParticipantProvider,
  type RevokedConsent,
} from '../consent/revocation-participant';
import { ReferralStatusService } from './referral-status.service';
import { ReferralsRepository } from './referrals.repository';

/** Revocation cancels, at once and by the system, every open referral resting on the release. */
@Injectable()
@RevocationParticipantProvider()
export class ReferralRevocationParticipant implements RevocationParticipant {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly statuses: ReferralStatusService,
  ) {}

  async onConsentRevoked(manager: EntityManager, _caller: CallerContext, consent: RevokedConsent): Promise<RevocationEffect[]> {
    const open = await this.referrals.openUnderConsent(manager, consent.id);
    for (const referral of open) {
      await this.statuses.move(manager, referral, 'system', { to: 'cancelled', reason: 'consent_revoked', outcome: null }, null);
    }
    if (open.length === 0) return [];
    return [
      {
        kind: 'referrals_cancelled',
        ids: open.map((referral) => referral.id),
        summary: `${open.length} open referral${open.length === 1 ? ' was' : 's were'} cancelled; the receiving agency was told.`,
      },
    ];
  }
}
