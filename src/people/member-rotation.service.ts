import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { ed25519Verify, getSodium, membershipStatement } from '../crypto';
import { constraintOf, sqlStateOf, UNIQUE_VIOLATION } from '../database/database-errors';
import { inTransaction } from '../database/transactions';
import { KeyRegistrationService } from '../keys/key-registration.service';
import { KeyRegistrationRejectedError } from '../keys/keys.errors';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { PersonKeysNotFoundError, RotationRefusedError, WrapRefusedError } from './people.errors';
import { type MemberRow, type NewWrap, PersonKeysRepository } from './person-keys.repository';

export interface RotationWrap extends NewWrap {
  personId: string;
}

export interface Rotated {
  epoch: number;
  fingerprint: string;
  people: string[];
  logIndex: number;
}

/**
 * Key rotation in an agency run by people (research §3.4, decision 0115). A member's client makes
 * the next epoch, signs its registration with the current epoch, wraps it to every remaining member
 * and signs each wrap with the new epoch's key; the server registers the epoch and stores the wraps
 * in ONE transaction, so an epoch is never registered that no member can open. Every wrap must
 * verify under the registered key of its epoch (the new one: the registration's), exactly as when a
 * member is added: the server cannot add a member here either. An agency with no keys gets its
 * first epoch here too (decision 0156): epoch 1, self-signed, wrapped by its first person's client
 * to themselves — the agency's own first member, not the server, makes that membership.
 */
@Injectable()
export class MemberRotationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: PersonKeysRepository,
    private readonly registrations: KeyRegistrationService,
    private readonly ledger: LedgerWriter,
  ) {}

  /** The agency's people with keys and their latest wrap: what a rotating client verifies and re-wraps to. */
  async members(caller: CallerContext, agencyId: string): Promise<{ members: MemberRow[]; rotationDue: boolean }> {
    if (caller.principal.agencyId !== agencyId) throw new PersonKeysNotFoundError();
    return { members: await this.keys.members(agencyId), rotationDue: await this.keys.rotationDue(agencyId) };
  }

  async rotate(caller: CallerContext, agencyId: string, registration: Record<string, unknown>, wraps: readonly RotationWrap[]): Promise<Rotated> {
    if (caller.principal.agencyId !== agencyId) throw new PersonKeysNotFoundError();
    const epoch = Number(registration.epoch);
    const people = [...new Set(wraps.map((wrap) => wrap.personId))];
    checkShape(caller, epoch, people, wraps);
    const members = new Map((await this.keys.members(agencyId)).map((member) => [member.personId, member]));
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const { key } = await this.registrations.registerWithin(manager, caller, agencyId, registration);
        await this.checkWraps(manager, agencyId, members, wraps);
        for (const personId of people) {
          await this.keys.upsertWraps(manager, agencyId, personId, caller.principal.id, wraps.filter((wrap) => wrap.personId === personId));
        }
        await this.ledger.record(manager, 'members_rewrapped', {
          actor: actorOf(caller),
          requestId: caller.requestId,
          detail: { agency: agencyId, epoch: String(epoch), fingerprint: key.fingerprint, people },
        });
        return { epoch, fingerprint: key.fingerprint, people, logIndex: await this.ledger.flush(manager) };
      });
    } catch (error) {
      // Backstop for a key registered at the same moment by another agency (as the key directory's).
      if (sqlStateOf(error) === UNIQUE_VIOLATION && (constraintOf(error) ?? '').startsWith('agency_keys_')) {
        throw new KeyRegistrationRejectedError('key_reused', 'a public key of this registration is already registered (keys must be fresh for every epoch)');
      }
      throw error;
    }
  }

  private async checkWraps(manager: EntityManager, agencyId: string, members: Map<string, MemberRow>, wraps: readonly RotationWrap[]): Promise<void> {
    const sodium = await getSodium();
    const registered = await this.keys.registeredEpochs(agencyId, wraps.map((wrap) => wrap.epoch), manager);
    for (const [index, wrap] of wraps.entries()) {
      const member = members.get(wrap.personId);
      if (!member) throw new WrapRefusedError(index, 'not a person of this agency with registered keys');
      const epoch = registered.get(wrap.epoch);
      if (!epoch) throw new WrapRefusedError(index, `the agency has no registered epoch ${wrap.epoch}`);
      const person = { personId: wrap.personId, signPublicKey: member.signPublicKey, boxPublicKey: member.boxPublicKey };
      const statement = await membershipStatement({ agencyId, epoch: wrap.epoch, person, wrap: wrap.wrap });
      if (!ed25519Verify(sodium, wrap.signature, statement, epoch.signPublicKey)) {
        throw new WrapRefusedError(index, `not signed by the agency's registered key of epoch ${wrap.epoch} for this person's keys`);
      }
    }
  }
}

/** Before any work: every person gets the new epoch; no wrap of a later epoch; a person rotating keeps the epoch they made. */
function checkShape(caller: CallerContext, epoch: number, people: string[], wraps: readonly RotationWrap[]): void {
  for (const [index, wrap] of wraps.entries()) {
    if (wrap.epoch > epoch) throw new WrapRefusedError(index, `epoch ${wrap.epoch} is after the epoch registered here (${epoch})`);
  }
  const pairs = new Set(wraps.map((wrap) => `${wrap.personId}/${wrap.epoch}`));
  if (pairs.size !== wraps.length) throw new RotationRefusedError('two wraps for the same person and epoch');
  const lacking = people.filter((personId) => !pairs.has(`${personId}/${epoch}`));
  if (lacking.length > 0) throw new RotationRefusedError(`every person wrapped to must get the new epoch ${epoch}; missing for ${lacking.join(', ')}`);
  // A person's client holds the new keys only in memory: without a wrap to themselves, the epoch would be lost.
  if (caller.principal.kind === 'person' && !people.includes(caller.principal.id)) throw new RotationRefusedError('the rotating person must wrap the new epoch to themselves');
}
