import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON } from '@simplewebauthn/server';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../../auth/caller-context';
import { inTransaction } from '../../database/transactions';
import { actorOf, LedgerWriter } from '../../ledger/ledger-writer';
import { NotEnrolledError } from '../people.errors';
import { PeopleRepository } from '../people.repository';
import { PasskeyExistsError, PasskeyNotFoundError, PasskeyRefusedError, TooManyPasskeysError } from './passkeys.errors';
import { type PasskeyRow, PasskeysRepository } from './passkeys.repository';
import { CHALLENGE_SECONDS, MAX_PASSKEYS_PER_PERSON } from './passkeys.vocabulary';
import { RelyingParty } from './relying-party';

/**
 * A signed-in person's passkeys (decision 0111): registration (options, then the authenticator's
 * answer), the list, removal, and the passkey envelope (decision 0112) the person's own client
 * made. Every registration and removal is a log entry, in the same transaction.
 */
@Injectable()
export class PasskeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passkeys: PasskeysRepository,
    private readonly people: PeopleRepository,
    private readonly relyingParty: RelyingParty,
    private readonly ledger: LedgerWriter,
  ) {}

  async registrationOptions(caller: CallerContext): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const person = caller.principal;
    await this.assertEnrolledPerson(caller);
    const existing = await this.passkeys.listOf(person.id, person.agencyId);
    if (existing.length >= MAX_PASSKEYS_PER_PERSON) throw new TooManyPasskeysError(MAX_PASSKEYS_PER_PERSON);
    const options = await this.relyingParty.registrationOptions({ id: person.id, username: person.username }, existing);
    await this.passkeys.insertChallenge({
      id: randomUUID(),
      ceremony: 'registration',
      challenge: options.challenge,
      principalId: person.id,
      sessionId: null,
      expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000),
    });
    return options;
  }

  /** The authenticator's answer to the newest options: verified, stored, and logged as passkey_registered. */
  async register(caller: CallerContext, response: RegistrationResponseJSON): Promise<PasskeyRow> {
    const person = caller.principal;
    await this.assertEnrolledPerson(caller);
    const challenges = await this.passkeys.takeChallenges({ ceremony: 'registration', principalId: person.id });
    const verified = challenges.length > 0 ? await this.relyingParty.verifyRegistration(response, challenges.map((each) => each.challenge)) : null;
    if (!verified) throw new PasskeyRefusedError();
    const id = randomUUID();
    await inTransaction(this.dataSource, async (manager) => {
      // One person's registrations run one at a time, so the limit holds under races too.
      await manager.query(`SELECT 1 FROM principals WHERE id = $1 FOR UPDATE`, [person.id]);
      if ((await this.passkeys.count(manager, person.id)) >= MAX_PASSKEYS_PER_PERSON) throw new TooManyPasskeysError(MAX_PASSKEYS_PER_PERSON);
      if (!(await this.passkeys.insert(manager, { id, principalId: person.id, ...verified }))) throw new PasskeyExistsError();
      await this.ledger.record(manager, 'passkey_registered', {
        actor: actorOf(caller),
        requestId: caller.requestId,
        detail: { person: person.id, passkey: id, prf: (response.clientExtensionResults as { prf?: { enabled?: boolean } }).prf?.enabled === true, aaguid: verified.aaguid },
      });
    });
    return (await this.passkeys.findOwn(id, person.id, person.agencyId)) as PasskeyRow;
  }

  list(caller: CallerContext): Promise<PasskeyRow[]> {
    return this.passkeys.listOf(caller.principal.id, caller.principal.agencyId);
  }

  async remove(caller: CallerContext, passkeyId: string): Promise<void> {
    const person = caller.principal;
    await inTransaction(this.dataSource, async (manager) => {
      if (!(await this.passkeys.delete(manager, passkeyId, person.id, person.agencyId))) throw new PasskeyNotFoundError();
      await this.ledger.record(manager, 'passkey_removed', { actor: actorOf(caller), requestId: caller.requestId, detail: { person: person.id, passkey: passkeyId } });
    });
  }

  /** Stores (or, with null, drops) the passkey envelope the person's client sealed; the server cannot check what is inside. */
  async setEnvelope(caller: CallerContext, passkeyId: string, envelope: Uint8Array | null): Promise<PasskeyRow> {
    const person = caller.principal;
    if (!(await this.passkeys.setEnvelope(passkeyId, person.id, person.agencyId, envelope))) throw new PasskeyNotFoundError();
    return (await this.passkeys.findOwn(passkeyId, person.id, person.agencyId)) as PasskeyRow;
  }

  private async assertEnrolledPerson(caller: CallerContext): Promise<void> {
    if (caller.principal.kind !== 'person' || !(await this.people.isEnrolled(caller.principal.id))) throw new NotEnrolledError();
  }
}
