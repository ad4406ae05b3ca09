import * as opaque from '@serenity-kit/opaque';
import { CcrUsageError } from '../errors';
import { HttpCore } from '../http/http-core';

export interface SecondFactorSetUp {
  username: string;
  /** Base32: type it into the authenticator app, or open totpUri. A secret: never log it. */
  totpSecret: string;
  totpUri: string;
}

export interface EnrolOptions {
  baseUrl: string;
  /** The single-use code from the enrolment (or recovery) link, PUBLIC_URL/#enrol=<code>. */
  code: string;
  /** The person's own new secret (at least 12 characters). It never leaves this device. */
  secret: string;
  /** Shows the new TOTP key to the person and returns the first code their authenticator shows. */
  confirmSecondFactor: (setUp: SecondFactorSetUp) => string | Promise<string>;
  /** The server's OPAQUE key, if this client pinned it: enrolment stops if the server names another. */
  expectServerPublicKey?: string;
  fetch?: typeof fetch;
}

export interface Enrolled {
  principalId: string;
  username: string;
  /** True when the person was enrolled before (a recovery): their old keys and wraps are gone. */
  recovered: boolean;
  serverPublicKey: string;
}

export const MIN_SECRET_LENGTH = 12;

/**
 * A person's first set-up, or their recovery, with a single-use code (decision 0082): OPAQUE
 * registration under their own secret, then a TOTP authenticator confirmed by its first code. Then
 * sign in (PersonSession.signIn), make person keys (session.setUpKeys()) and read the fingerprint to
 * the member who adds you.
 */
export async function enrol(options: EnrolOptions): Promise<Enrolled> {
  if (options.secret.length < MIN_SECRET_LENGTH) throw new CcrUsageError(`choose a secret of at least ${MIN_SECRET_LENGTH} characters`);
  await opaque.ready;
  const http = new HttpCore({ baseUrl: options.baseUrl, fetch: options.fetch });
  const registration = opaque.client.startRegistration({ password: options.secret });
  const started = await http.request<{ principalId: string; username: string; registrationResponse: string; serverPublicKey: string; totpSecret: string; totpUri: string }>({
    method: 'POST',
    path: '/people/enrolment/start',
    json: { code: options.code, registrationRequest: registration.registrationRequest },
    authenticated: false,
  });
  const { principalId, username, registrationResponse, serverPublicKey, totpSecret, totpUri } = started.body;
  const finished = opaque.client.finishRegistration({ password: options.secret, clientRegistrationState: registration.clientRegistrationState, registrationResponse });
  // The registration binds the server's static key: a different one than named means another server answered.
  if (finished.serverStaticPublicKey !== serverPublicKey || (options.expectServerPublicKey && options.expectServerPublicKey !== serverPublicKey)) {
    throw new CcrUsageError("the server's OPAQUE key is not the one expected: enrolment stopped");
  }
  const totpCode = await options.confirmSecondFactor({ username, totpSecret, totpUri });
  const answer = await http.request<{ principalId: string; recovered?: boolean }>({
    method: 'POST',
    path: '/people/enrolment/finish',
    json: { code: options.code, registrationRecord: finished.registrationRecord, totpCode },
    authenticated: false,
  });
  return { principalId, username, recovered: answer.body.recovered === true, serverPublicKey };
}
