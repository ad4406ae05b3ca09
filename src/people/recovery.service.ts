import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { inTransaction } from '../database/transactions';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { EnrolmentService, type IssuedEnrolmentCode } from './enrolment.service';
import { PeopleRepository } from './people.repository';
import { PersonKeysNotFoundError, RecoveryRefusedError } from './people.errors';
import { PersonKeysRepository } from './person-keys.repository';

/**
 * Recovery of a person who forgot their secret (decision 0116): another member of their agency
 * issues a re-enrolment code for them (logged as person_recovery_started). The person sets a new
 * secret and second factor with it (person_recovered: old login, person keys and wraps deleted),
 * makes new person keys, and a member wraps the agency keys to them after comparing the
 * fingerprint (member_added). The server holds nothing that would restore the old keys, and cannot
 * make the new wrap.
 */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolment: EnrolmentService,
    private readonly people: PeopleRepository,
    private readonly keys: PersonKeysRepository,
    private readonly ledger: LedgerWriter,
  ) {}

  async start(caller: CallerContext, agencyId: string, personId: string): Promise<IssuedEnrolmentCode & { logIndex: number }> {
    if (caller.principal.agencyId !== agencyId || !(await this.keys.isPersonOf(personId, agencyId))) throw new PersonKeysNotFoundError();
    if (caller.principal.id === personId) throw new RecoveryRefusedError('another member recovers you: you cannot recover yourself (change your secret instead)');
    if (!(await this.people.isEnrolled(personId))) throw new RecoveryRefusedError('this person has not enrolled yet: an administrator issues their first enrolment code');
    const issued = await this.enrolment.issueCode(agencyId, personId, caller.principal.id);
    const logIndex = await inTransaction(this.dataSource, async (manager) => {
      await this.ledger.record(manager, 'person_recovery_started', { actor: actorOf(caller), requestId: caller.requestId, detail: { agency: agencyId, person: personId, expiresAt: issued.expiresAt.toISOString() } });
      return this.ledger.flush(manager);
    });
    return { ...issued, logIndex };
  }
}
