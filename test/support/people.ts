import * as opaque from '@serenity-kit/opaque';
import { Secret, TOTP } from 'otpauth';
import { type TestApp } from './app';
import { type TestCcr, uniqueName } from './ccr';
import { type Role } from '../../src/principals/principal.vocabulary';

/** An enrolled person as their own device knows them: the secret they chose and their authenticator. */
export interface EnrolledPerson {
  id: string;
  agencyId: string;
  username: string;
  password: string;
  /** What the administrator's password grant would have used: refused once enrolled. */
  issuedSecret: string;
  authenticator: Authenticator;
  /** OPAQUE's export key at registration (the person's unlock root; never sent). */
  exportKey: string;
}

export interface PersonCookieSession {
  cookie: string;
  csrf: string;
  /** OPAQUE's export key of this sign-in: the person's unlock root (client side only). */
  exportKey?: string;
}

/**
 * A TOTP authenticator app. A step's code is accepted once and the server allows one step of drift
 * either way, so it hands out codes for successive steps from the previous one on.
 */
export class Authenticator {
  private nextStep = currentStep() - 1;

  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    this.nextStep = Math.max(this.nextStep, currentStep() - 1);
    while (this.nextStep > currentStep() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
    const step = this.nextStep;
    this.nextStep += 1;
    return this.codeAt(step);
  }

  /** The code handed out last (e.g. the one enrolment used): the server must refuse it again. */
  lastCode(): string {
    return this.codeAt(this.nextStep - 1);
  }

  codeAt(step: number): string {
    return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(this.secret) }).generate({ timestamp: step * 30_000 });
  }
}

export function currentStep(): number {
  return Math.floor(Date.now() / 30_000);
}

/** The test app's origin (PUBLIC_URL): what a browser on the console sends as Origin. */
export function originOf(t: TestApp): string {
  return t.config.http.publicUrl;
}

export async function issueEnrolmentCode(t: TestApp, ccr: TestCcr, agencyId: string, principalId: string): Promise<string> {
  const admin = await ccr.admin();
  const response = await t.http().post(`/agencies/${agencyId}/principals/${principalId}/enrolment-code`).set('Authorization', admin.bearer).expect(201);
  return response.body.code as string;
}

/** Registration with the code, as the person's device does it; returns the authenticator set up on the way. */
export async function enrolWithCode(t: TestApp, code: string, password: string): Promise<{ principalId: string; authenticator: Authenticator; exportKey: string }> {
  await opaque.ready;
  const registration = opaque.client.startRegistration({ password });
  const started = await t.http().post('/people/enrolment/start').send({ code, registrationRequest: registration.registrationRequest }).expect(200);
  const finished = opaque.client.finishRegistration({ password, clientRegistrationState: registration.clientRegistrationState, registrationResponse: started.body.registrationResponse as string });
  if (finished.serverStaticPublicKey !== started.body.serverPublicKey) throw new Error('the server static key changed during registration');
  const authenticator = new Authenticator(started.body.totpSecret as string);
  await t
    .http()
    .post('/people/enrolment/finish')
    .send({ code, registrationRecord: finished.registrationRecord, totpCode: await authenticator.code() })
    .expect(201);
  return { principalId: started.body.principalId as string, authenticator, exportKey: finished.exportKey };
}

export async function enrolPerson(t: TestApp, ccr: TestCcr, agencyId: string, roles: Role[] = ['advocate']): Promise<EnrolledPerson> {
  const username = uniqueName('person');
  const created = await ccr.createPrincipal(agencyId, { kind: 'person', username, displayName: username, roles });
  const password = `correct horse ${uniqueName('battery')}`;
  const enrolled = await enrolWithCode(t, await issueEnrolmentCode(t, ccr, agencyId, created.id), password);
  return { id: created.id, agencyId, username, password, issuedSecret: created.secret, authenticator: enrolled.authenticator, exportKey: enrolled.exportKey };
}

/** OPAQUE sign-in to the pending session; undefined when the client finds the secret wrong (the server cannot tell). */
export async function passSecret(t: TestApp, username: string, password: string): Promise<PersonCookieSession | undefined> {
  await opaque.ready;
  const login = opaque.client.startLogin({ password });
  const started = await t.http().post('/people/session/start').send({ username, startLoginRequest: login.startLoginRequest }).expect(200);
  const finished = opaque.client.finishLogin({ clientLoginState: login.clientLoginState, loginResponse: started.body.loginResponse as string, password });
  if (!finished) return undefined;
  const response = await t.http().post('/people/session/finish').send({ loginId: started.body.loginId, finishLoginRequest: finished.finishLoginRequest }).expect(200);
  return { cookie: sessionCookieOf(response.headers['set-cookie']), csrf: response.body.csrfToken as string, exportKey: finished.exportKey };
}

/** The whole sign-in: secret, then second factor; the full session. */
export async function signIn(t: TestApp, person: Pick<EnrolledPerson, 'username' | 'password' | 'authenticator'>): Promise<PersonCookieSession> {
  const pending = await passSecret(t, person.username, person.password);
  if (!pending) throw new Error('the secret was refused');
  const response = await withSession(t.http().post('/people/session/second-factor'), t, pending)
    .send({ totpCode: await person.authenticator.code() })
    .expect(200);
  return { cookie: sessionCookieOf(response.headers['set-cookie']), csrf: response.body.csrfToken as string, exportKey: pending.exportKey };
}

/** A request as the console makes it: the cookie, the CSRF header, our Origin. */
export function withSession<R extends { set(name: string, value: string): R }>(request: R, t: TestApp, session: PersonCookieSession): R {
  return request.set('Cookie', session.cookie).set('X-CCR-CSRF', session.csrf).set('Origin', originOf(t));
}

/** `name=value` of the session cookie in a Set-Cookie answer. */
export function sessionCookieOf(setCookie: string[] | string | undefined): string {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = lines.find((each) => /^(__Host-)?ccr-session=/.test(each));
  if (!line) throw new Error('no session cookie in the answer');
  return line.split(';')[0];
}
