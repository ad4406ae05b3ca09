import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TokenThrottle } from '../auth/oauth/token-throttle';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { inTransaction } from '../database/transactions';
import { LedgerWriter } from '../ledger/ledger-writer';
import { PrincipalsService } from '../principals/principals.service';
import { OpaqueServer } from './opaque-server';
import { EnrolmentCodeRefusedError, EnrolmentNotStartedError, MalformedOpaqueMessageError, NotAPersonError, SecondFactorRefusedError } from './people.errors';
import { type EnrolmentCodeRow, PeopleRepository } from './people.repository';
import { PersonKeysRepository } from './person-keys.repository';
import { CURRENT_KSF_VERSION } from './people.vocabulary';
import { SessionsRepository } from './sessions/sessions.repository';
import { secretHash } from './sessions/session-cookie';
import { acceptedTotpStep, newTotpSecret, totpUri } from './totp';

export interface IssuedEnrolmentCode {
  code: string;
  /** PUBLIC_URL/#enrol=<code>: the code travels in the fragment, which browsers never send to a server. */
  link: string;
  expiresAt: Date;
}

export interface EnrolmentStarted {
  principalId: string;
  username: string;
  registrationResponse: string;
  serverPublicKey: string;
  totpSecret: string;
  totpUri: string;
}

/** Who finishes an enrolment: the person holding the code, from this address, in this request. */
export interface EnrolmentCaller {
  address: string;
  requestId: string;
}

/**
 * First-time set-up (and re-enrolment) of a person by a single-use code an administrator issued
 * (decision 0082): the person registers OPAQUE under their own secret and confirms a TOTP
 * authenticator; the code is then spent, the administrator-issued password stops working, and the
 * log records `person_enrolled` (or `person_recovered` when the person was enrolled before).
 */
@Injectable()
export class EnrolmentService {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly sessions: SessionsRepository,
    private readonly principals: PrincipalsService,
    private readonly opaque: OpaqueServer,
    private readonly throttle: TokenThrottle,
    private readonly ledger: LedgerWriter,
    private readonly personKeys: PersonKeysRepository,
  ) {}

  async issueCode(agencyId: string, principalId: string, issuedBy: string | null): Promise<IssuedEnrolmentCode> {
    const principal = await this.principals.get(agencyId, principalId);
    if (principal.kind !== 'person' || principal.status !== 'active') throw new NotAPersonError();
    const code = randomBytes(16).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.people.enrolmentCodeTtlSeconds * 1000);
    await this.people.issueCode({ id: randomUUID(), principalId, codeHash: secretHash(code), issuedBy, expiresAt });
    return { code, link: `${this.config.http.publicUrl}/#enrol=${code}`, expiresAt };
  }

  async start(code: string, registrationRequest: string, caller: EnrolmentCaller): Promise<EnrolmentStarted> {
    const usable = await this.usableCode(code, caller);
    const principal = await this.principals.findActiveById(usable.principalId);
    if (!principal) throw new EnrolmentCodeRefusedError();
    const registrationResponse = this.opaque.registrationResponse(principal.id, registrationRequest);
    if (!registrationResponse) throw new MalformedOpaqueMessageError('registrationRequest');
    const totpSecret = newTotpSecret();
    await this.people.setPendingTotp(usable.id, totpSecret);
    return {
      principalId: principal.id,
      username: principal.username,
      registrationResponse,
      serverPublicKey: this.opaque.publicKey,
      totpSecret,
      totpUri: totpUri(totpSecret, principal.username),
    };
  }

  async finish(code: string, registrationRecord: string, totpCode: string, caller: EnrolmentCaller): Promise<{ principalId: string; recovered: boolean }> {
    const usable = await this.usableCode(code, caller);
    if (!usable.pendingTotpSecret) throw new EnrolmentNotStartedError();
    if (!this.opaque.isWellFormedRecord(usable.principalId, registrationRecord)) throw new MalformedOpaqueMessageError('registrationRecord');
    const totpStep = acceptedTotpStep(usable.pendingTotpSecret, totpCode, 0);
    if (totpStep === null) {
      await this.throttle.recordFailure(TokenThrottle.keys(undefined, caller.address));
      throw new SecondFactorRefusedError();
    }
    return inTransaction(this.dataSource, async (manager) => {
      const locked = await this.people.findUsableCode(secretHash(code), manager, true);
      const principal = await this.principals.findActiveById(usable.principalId);
      if (!locked || locked.id !== usable.id || !principal) throw new EnrolmentCodeRefusedError();
      await this.people.markCodeUsed(manager, locked.id);
      const recovered = await this.people.saveLogin(manager, {
        principalId: principal.id,
        opaqueRecord: registrationRecord,
        ksf: CURRENT_KSF_VERSION,
        totpSecret: usable.pendingTotpSecret as string,
        totpStep,
      });
      await this.principals.forgetPassword(manager, principal.id);
      await this.personKeys.forgetPerson(manager, principal.id);
      await this.sessions.deleteForPrincipal(principal.id, null, manager);
      await this.ledger.record(manager, recovered ? 'person_recovered' : 'person_enrolled', {
        actor: { principal: principal.id, agency: principal.agencyId, roles: [...principal.roles] },
        requestId: caller.requestId,
        detail: { person: principal.id, issuedBy: locked.issuedBy, factors: ['totp'], ksf: CURRENT_KSF_VERSION },
      });
      return { principalId: principal.id, recovered };
    });
  }

  /** The code if it is good; a bad one counts toward the address's back-off (a code is 128 random bits: guessing is hopeless, but noisy). */
  private async usableCode(code: string, caller: EnrolmentCaller): Promise<EnrolmentCodeRow> {
    const keys = TokenThrottle.keys(undefined, caller.address);
    await this.throttle.assertNotBlocked(keys);
    const usable = await this.people.findUsableCode(secretHash(code));
    if (!usable) {
      await this.throttle.recordFailure(keys);
      throw new EnrolmentCodeRefusedError();
    }
    return usable;
  }
}
