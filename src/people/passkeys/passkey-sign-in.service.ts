import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { TokenThrottle } from '../../auth/oauth/token-throttle';
import { PrincipalsService } from '../../principals/principals.service';
import { SignInRefusedError } from '../people.errors';
import { type AuthenticatedSession } from '../sessions/session-authenticator';
import { type SessionIssued, SignInService } from '../sign-in.service';
import { NoPasskeysError, PasskeyRefusedError } from './passkeys.errors';
import { type PasskeyRow, PasskeysRepository } from './passkeys.repository';
import { CHALLENGE_SECONDS } from './passkeys.vocabulary';
import { RelyingParty } from './relying-party';

export interface PasskeySignInStarted {
  challengeId: string;
  options: PublicKeyCredentialRequestOptionsJSON;
}

/**
 * Passkeys at sign-in (decisions 0111, 0113): as the second factor of a pending session (instead of
 * a TOTP code), or alone — a discoverable, user-verifying passkey names its person and signs them
 * in. Back-off is the TOTP path's: a refused answer counts a failure for the name and the address
 * (the token endpoint's TokenThrottle), a blocked one is refused with 429 before any work, and a
 * passed one clears the name's count.
 */
@Injectable()
export class PasskeySignInService {
  constructor(
    private readonly passkeys: PasskeysRepository,
    private readonly relyingParty: RelyingParty,
    private readonly signIn: SignInService,
    private readonly principals: PrincipalsService,
    private readonly throttle: TokenThrottle,
  ) {}

  async secondFactorOptions(pending: AuthenticatedSession, address: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    await this.throttle.assertNotBlocked(TokenThrottle.keys(pending.principal.username, address));
    const mine = await this.passkeys.listOf(pending.principal.id, pending.principal.agencyId);
    if (mine.length === 0) throw new NoPasskeysError();
    const options = await this.relyingParty.authenticationOptions(mine);
    await this.keepChallenge('second_factor', options.challenge, pending.principal.id, pending.session.id);
    return options;
  }

  async secondFactor(pending: AuthenticatedSession, response: AuthenticationResponseJSON, address: string): Promise<SessionIssued> {
    const keys = TokenThrottle.keys(pending.principal.username, address);
    await this.throttle.assertNotBlocked(keys);
    const challenges = await this.passkeys.takeChallenges({ ceremony: 'second_factor', sessionId: pending.session.id });
    const mine = await this.passkeys.listOf(pending.principal.id, pending.principal.agencyId);
    const passkey = mine.find((each) => each.credentialId === response.id);
    if (!passkey || !(await this.accepted(passkey, response, challenges))) {
      await this.throttle.recordFailure(keys);
      throw new PasskeyRefusedError();
    }
    return this.signIn.completeSecondFactor(pending);
  }

  /** Passkey-only sign-in, step 1: a challenge for any of this service's discoverable passkeys. */
  async start(address: string): Promise<PasskeySignInStarted> {
    const keys = TokenThrottle.keys(undefined, address);
    await this.throttle.assertNotBlocked(keys);
    // Like an OPAQUE start, every start counts for the address (each stores a challenge): the per-address allowance is large.
    await this.throttle.recordFailure(keys);
    const options = await this.relyingParty.authenticationOptions([]);
    const challengeId = await this.keepChallenge('passkey_sign_in', options.challenge, null, null);
    return { challengeId, options };
  }

  /** Step 2: the passkey names its person; a verified, user-verified assertion opens a full session. */
  async finish(challengeId: string, response: AuthenticationResponseJSON, address: string): Promise<SessionIssued> {
    await this.throttle.assertNotBlocked(TokenThrottle.keys(undefined, address));
    const challenges = await this.passkeys.takeChallenges({ ceremony: 'passkey_sign_in', id: challengeId });
    const passkey = await this.passkeys.findByCredential(response.id);
    const person = passkey ? await this.principals.findActiveById(passkey.principalId) : null;
    const keys = TokenThrottle.keys(person?.username, address);
    if (person) await this.throttle.assertNotBlocked(keys);
    if (!passkey || !person || person.kind !== 'person' || !(await this.accepted(passkey, response, challenges))) {
      await this.throttle.recordFailure(keys);
      throw new SignInRefusedError();
    }
    return this.signIn.openFullSession(person.id, person.username);
  }

  /** Verified against a live challenge, with user verification, and the counter moved forward (atomically: a racing twin loses). */
  private async accepted(passkey: PasskeyRow, response: AuthenticationResponseJSON, challenges: readonly { challenge: string }[]): Promise<boolean> {
    if (challenges.length === 0) return false;
    const counter = await this.relyingParty.verifyAssertion(
      response,
      challenges.map((each) => each.challenge),
      passkey,
    );
    return counter !== null && (await this.passkeys.advanceCounter(passkey.id, passkey.counter, counter));
  }

  private async keepChallenge(ceremony: 'second_factor' | 'passkey_sign_in', challenge: string, principalId: string | null, sessionId: string | null): Promise<string> {
    const id = randomUUID();
    await this.passkeys.insertChallenge({ id, ceremony, challenge, principalId, sessionId, expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000) });
    return id;
  }
}
