import { randomBytes } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import { Secret, TOTP } from 'otpauth';
import { type AdminConsole } from '../../../src/demo/onboarding';

/** A person enrolled as their own device would do it: OPAQUE registration and a TOTP authenticator. */
export interface EnrolledPerson {
  username: string;
  password: string;
  totpSecret: string;
}

/** The TOTP code of a 30-second step (the server accepts each step once, one step of drift either way). */
export function totpCode(secret: string, step: number = Math.floor(Date.now() / 30_000)): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: step * 30_000 });
}

/** A socket the server closed while idle (keep-alive) fails before the request is sent: one retry is safe. */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}

async function postJson<T>(url: string, path: string, body: unknown): Promise<T> {
  const response = await send(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`seed: POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The administrator creates a person and issues their enrolment link (PUBLIC_URL/#enrol=<code>). */
export async function personWithEnrolmentCode(admin: AdminConsole, agencyId: string, username: string, roles: string[]): Promise<{ code: string; link: string }> {
  const created = await admin.post<{ principal: { id: string } }>(`/agencies/${agencyId}/principals`, { kind: 'person', username, displayName: username, roles });
  return admin.post<{ code: string; link: string }>(`/agencies/${agencyId}/principals/${created.principal.id}/enrolment-code`, {});
}

/** The person registers with the code (DESIGN-19), as their device would. */
export async function enrolPerson(url: string, admin: AdminConsole, agencyId: string, username: string, roles: string[]): Promise<EnrolledPerson> {
  const { code } = await personWithEnrolmentCode(admin, agencyId, username, roles);
  await opaque.ready;
  const password = `correct horse battery ${randomBytes(6).toString('hex')}`;
  const registration = opaque.client.startRegistration({ password });
  const started = await postJson<{ registrationResponse: string; totpSecret: string }>(url, '/people/enrolment/start', { code, registrationRequest: registration.registrationRequest });
  const finished = opaque.client.finishRegistration({ password, clientRegistrationState: registration.clientRegistrationState, registrationResponse: started.registrationResponse });
  // The step before the current one: the sign-in later uses the current step or a newer one. Late in
  // a step, wait for the next: on a loaded machine the request may reach the server a step later,
  // and two steps back is outside the server's one step of drift.
  const intoStep = Date.now() % 30_000;
  if (intoStep > 20_000) await new Promise((resolve) => setTimeout(resolve, 30_000 - intoStep + 100));
  const totp = totpCode(started.totpSecret, Math.floor(Date.now() / 30_000) - 1);
  await postJson(url, '/people/enrolment/finish', { code, registrationRecord: finished.registrationRecord, totpCode: totp });
  return { username, password, totpSecret: started.totpSecret };
}
