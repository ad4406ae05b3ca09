import { Injectable } from '@nestjs/common';
import { type Statement } from '../database/statement';
import { agreedDeadlines, type AgreedDeadlines, type HandoffQuery } from './agreement-match';
import { AgreementsRepository, type InForceBetween } from './agreements.repository';

/**
 * What the referrals module asks of the agreements: the versions in force between two agencies
 * (a statement for the referral's own pipeline, in its transaction) and, from them, the deadlines
 * a new referral gets. Unsigned or partly signed versions are never in force, so they set none.
 */
@Injectable()
export class AgreementDeadlines {
  constructor(private readonly agreements: AgreementsRepository) {}

  inForceBetweenStatement(fromAgencyId: string, toAgencyId: string): Statement<InForceBetween> {
    return this.agreements.inForceBetweenStatement(fromAgencyId, toAgencyId);
  }

  forReferral(inForce: InForceBetween, referral: Omit<HandoffQuery, 'from' | 'to'> & { fromAgencyId: string; toAgencyId: string; createdAt: Date }): AgreedDeadlines | null {
    if (inForce.versions.length === 0) return null;
    const query: HandoffQuery = {
      from: { agencyId: referral.fromAgencyId, kind: inForce.fromKind },
      to: { agencyId: referral.toAgencyId, kind: inForce.toKind },
      purpose: referral.purpose,
      priority: referral.priority,
    };
    return agreedDeadlines(inForce.versions, query, new Date(referral.createdAt));
  }
}
