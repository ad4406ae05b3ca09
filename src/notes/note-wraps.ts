import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { ConsentDecisionService } from '../consent/consent-decision.service';
import { type NoteCategory } from '../consent/consent.vocabulary';
import { type VerifiedRecordV1 } from '../crypto';
import { type RecipientBasis } from '../records/records.repository';
import { PrivilegedNeverSharedError } from './notes.errors';

/**
 * The basis of every wrap of a note, from the one door to the policy: the author's own agency is
 * the custodian; every other recipient needs a consent (or mandate) of this case that covers the
 * note's category for `receive_notes`, named by the wrap. Privileged counselling stays home.
 */
@Injectable()
export class NoteWraps {
  constructor(private readonly decisions: ConsentDecisionService) {}

  async basesFor(manager: EntityManager, verified: VerifiedRecordV1, caseId: string, category: NoteCategory): Promise<(agencyId: string) => RecipientBasis> {
    const author = verified.authorAgencyId;
    const others = verified.wraps.filter((wrap) => wrap.agencyId !== author);
    if (category === 'privileged_counseling' && others.length > 0) throw new PrivilegedNeverSharedError();
    const request = { caseId, discloserAgencyId: author, category, action: 'receive_notes' as const };
    const { bases } = await this.decisions.basesForNewWraps(manager, request, verified.wraps);
    return (agencyId) => bases.get(agencyId) as RecipientBasis;
  }
}
