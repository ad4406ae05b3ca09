import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../auth/caller-context';
import { ed25519Verify, getSodium, membershipStatement, personKeyFingerprint } from '../crypto';
import { inTransaction } from '../database/transactions';
import { actorOf, LedgerWriter } from '../ledger/ledger-writer';
import { NotEnrolledError, PersonKeysExistError, PersonKeysNotFoundError, WrapRefusedError } from './people.errors';
import { PeopleRepository } from './people.repository';
import { type NewWrap, type PersonKeysRow, PersonKeysRepository, type WrapRow } from './person-keys.repository';

export interface PersonKeysView extends PersonKeysRow {
  fingerprint: string;
}

export interface MyKeys extends PersonKeysView {
  wraps: WrapRow[];
  /** A member was removed since the agency's current epoch: the next member client should rotate. */
  rotationDue: boolean;
}

/**
 * People's keys and membership wraps (issue 19 milestone 2, research §3.1, §3.3). The server keeps
 * public keys, the password envelope and wraps — never anything that opens them — and refuses a
 * wrap unless the agency's registered key of its epoch signed it for the person's registered keys:
 * a member's client can add a member, the server cannot (and a wrap it slipped into the database
 * anyway fails the same check in every client).
 */
@Injectable()
export class PersonKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: PersonKeysRepository,
    private readonly people: PeopleRepository,
    private readonly ledger: LedgerWriter,
  ) {}

  async register(caller: CallerContext, keys: { signPublicKey: Uint8Array; boxPublicKey: Uint8Array; envelope: Uint8Array }): Promise<PersonKeysView> {
    const personId = caller.principal.id;
    if (caller.principal.kind !== 'person' || !(await this.people.isEnrolled(personId))) throw new NotEnrolledError();
    if (!(await this.keys.insertKeys(personId, keys))) throw new PersonKeysExistError();
    return this.view((await this.keys.findKeys(personId)) as PersonKeysRow);
  }

  async mine(caller: CallerContext): Promise<MyKeys> {
    const row = await this.keys.findKeys(caller.principal.id);
    if (!row) throw new PersonKeysNotFoundError();
    return { ...(await this.view(row)), wraps: await this.keys.wrapsOf(caller.principal.id), rotationDue: await this.keys.rotationDue(caller.principal.agencyId) };
  }

  /** A member reads a colleague's public keys (and fingerprint, to compare aloud) before wrapping to them. */
  async publicKeys(caller: CallerContext, agencyId: string, personId: string): Promise<PersonKeysView> {
    if (caller.principal.agencyId !== agencyId) throw new PersonKeysNotFoundError();
    const row = await this.keys.findKeysInAgency(personId, agencyId);
    if (!row) throw new PersonKeysNotFoundError();
    return this.view(row);
  }

  /** Stores wraps a member's client made, each checked against the agency's registered key of its epoch; logged as member_added. */
  async addWraps(caller: CallerContext, agencyId: string, personId: string, wraps: readonly NewWrap[]): Promise<{ epochs: number[]; logIndex: number }> {
    if (caller.principal.agencyId !== agencyId) throw new PersonKeysNotFoundError();
    const person = await this.keys.findKeysInAgency(personId, agencyId);
    if (!person) throw new PersonKeysNotFoundError();
    await this.checkWraps(agencyId, personId, person, wraps);
    const fingerprint = await personKeyFingerprint(person);
    return inTransaction(this.dataSource, async (manager) => {
      await this.keys.upsertWraps(manager, agencyId, personId, caller.principal.id, wraps);
      await this.ledger.record(manager, 'member_added', {
        actor: actorOf(caller),
        requestId: caller.requestId,
        detail: { agency: agencyId, person: personId, personKeyFingerprint: fingerprint, epochs: wraps.map((wrap) => String(wrap.epoch)) },
      });
      return { epochs: wraps.map((wrap) => wrap.epoch), logIndex: await this.ledger.flush(manager) };
    });
  }

  /**
   * Removes a member at once (research §3.4): their wraps, keys, sessions and login are deleted in
   * one transaction with the `member_removed` entry, and the agency is due for key rotation. A
   * member of the agency or an administrator may do it. What the person already opened stays with
   * them; records sealed after the next rotation are closed to them.
   */
  async removeMember(caller: CallerContext, agencyId: string, personId: string): Promise<{ logIndex: number; rotationDue: boolean }> {
    const admin = caller.principal.roles.includes('admin');
    if ((!admin && caller.principal.agencyId !== agencyId) || !(await this.keys.isPersonOf(personId, agencyId))) throw new PersonKeysNotFoundError();
    const logIndex = await inTransaction(this.dataSource, async (manager) => {
      await this.keys.removeMember(manager, { id: randomUUID(), agencyId, principalId: personId, removedBy: caller.principal.id });
      await this.ledger.record(manager, 'member_removed', { actor: actorOf(caller), requestId: caller.requestId, detail: { agency: agencyId, person: personId } });
      return this.ledger.flush(manager);
    });
    return { logIndex, rotationDue: await this.keys.rotationDue(agencyId) };
  }

  private async checkWraps(agencyId: string, personId: string, person: PersonKeysRow, wraps: readonly NewWrap[]): Promise<void> {
    const sodium = await getSodium();
    const registered = await this.keys.registeredEpochs(agencyId, wraps.map((wrap) => wrap.epoch));
    const personKeys = { personId, signPublicKey: person.signPublicKey, boxPublicKey: person.boxPublicKey };
    for (const [index, wrap] of wraps.entries()) {
      const epoch = registered.get(wrap.epoch);
      if (!epoch) throw new WrapRefusedError(index, `the agency has no registered epoch ${wrap.epoch}`);
      const statement = await membershipStatement({ agencyId, epoch: wrap.epoch, person: personKeys, wrap: wrap.wrap });
      if (!ed25519Verify(sodium, wrap.signature, statement, epoch.signPublicKey)) {
        throw new WrapRefusedError(index, `not signed by the agency's registered key of epoch ${wrap.epoch} for this person's keys`);
      }
    }
  }

  private async view(row: PersonKeysRow): Promise<PersonKeysView> {
    return { ...row, fingerprint: await personKeyFingerprint(row) };
  }
}
