import * as opaque from '@serenity-kit/opaque';
import { generatePersonKeys, personKeyFingerprint, personUnlockKey, publicKeysOf, sealPersonEnvelope, toBase64 } from '../../../src/crypto';
import { type EnrolledPerson, totpCode } from './person';

/**
 * The person's device makes their keys after enrolment (decision 0084): an OPAQUE sign-in gives the
 * export key, the keys are sealed under it and registered with a full session (TOTP at `step`).
 */
export async function registerPersonKeys(url: string, person: EnrolledPerson, step: number): Promise<{ personId: string; fingerprint: string }> {
  await opaque.ready;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url, ...headers }, body: JSON.stringify(body) });
  const login = opaque.client.startLogin({ password: person.password });
  const started = (await (await post('/people/session/start', { username: person.username, startLoginRequest: login.startLoginRequest })).json()) as { loginId: string; loginResponse: string };
  const finished = opaque.client.finishLogin({ clientLoginState: login.clientLoginState, loginResponse: started.loginResponse, password: person.password });
  if (!finished) throw new Error('registerPersonKeys: the password was refused');
  const pending = await post('/people/session/finish', { loginId: started.loginId, finishLoginRequest: finished.finishLoginRequest });
  const pendingCookie = (pending.headers.get('set-cookie') ?? '').split(';')[0];
  const pendingCsrf = ((await pending.json()) as { csrfToken: string }).csrfToken;
  const full = await post('/people/session/second-factor', { totpCode: totpCode(person.totpSecret, step) }, { Cookie: pendingCookie, 'X-CCR-CSRF': pendingCsrf });
  if (!full.ok) throw new Error(`registerPersonKeys: second factor answered ${full.status}`);
  const cookie = (full.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = ((await full.json()) as { csrfToken: string }).csrfToken;
  const { id } = (await (await fetch(`${url}/principals/me`, { headers: { Cookie: cookie, 'X-CCR-CSRF': csrf, Origin: url } })).json()) as { id: string };
  const keys = await generatePersonKeys(id);
  const envelope = await sealPersonEnvelope(keys, await personUnlockKey(finished.exportKey, id));
  const registered = await post('/people/me/keys', { signPublicKey: toBase64(keys.sign.publicKey), boxPublicKey: toBase64(keys.box.publicKey), envelope: toBase64(envelope) }, { Cookie: cookie, 'X-CCR-CSRF': csrf });
  if (!registered.ok) throw new Error(`registerPersonKeys: POST /people/me/keys answered ${registered.status}`);
  await fetch(`${url}/people/session`, { method: 'DELETE', headers: { Cookie: cookie, 'X-CCR-CSRF': csrf, Origin: url } });
  return { personId: id, fingerprint: await personKeyFingerprint(publicKeysOf(keys)) };
}
