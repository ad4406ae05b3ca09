import * as opaque from '@serenity-kit/opaque';
import { fromBase64Strict, generatePersonKeys, openPersonEnvelope, personKeyFingerprint, personUnlockKey, publicKeysOf, sealPersonEnvelope, toBase64, wipeSecrets } from '../../crypto';
import { PrincipalsApi, type WhoAmI } from '../api/principals-api';
import type { AgencyPin } from '../directory/pins';
import { CcrUsageError } from '../errors';
import { apiPath } from '../http/api-path';
import { HttpCore } from '../http/http-core';
import type { Authorizer, HttpResponse, RetryOptions } from '../http/http-types';
import { INSPECT_CUSTOM } from '../inspect';
import { MIN_SECRET_LENGTH } from './enrolment';
import { publicKeysFrom } from './person-public-keys';
import { MemberKeyring, type MyKeysAnswer } from './member-keyring';

export interface PersonSignInOptions {
  /** The service's public URL (PUBLIC_URL): its origin is what the session's requests name as Origin. */
  baseUrl: string;
  username: string;
  /** The person's own secret. Used on this device only (OPAQUE): it never crosses the network. */
  secret: string;
  /** The second factor, asked for once the secret passed: a current TOTP code. */
  secondFactor: () => string | Promise<string>;
  /** The service's public origin (its PUBLIC_URL), when baseUrl reaches it by another name (a proxy, a loopback port). */
  origin?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
}

export interface PersonUnlockOptions {
  /** The agency's pin, if this device kept one; else the listing is pinned now (or checked against expectFingerprint). */
  pin?: AgencyPin;
  expectFingerprint?: string;
}

interface SessionAnswer {
  stage: 'second_factor' | 'full';
  csrfToken: string;
}

/**
 * A person's signed-in session (decisions 0080, 0081): OPAQUE for the secret, then TOTP, then an
 * HttpOnly cookie session. It is an Authorizer, as a service account's TokenManager is: every call
 * carries the cookie, the session's X-CCR-CSRF value and Origin = the service's origin. In a
 * browser the browser keeps the cookie and sets Origin itself (fetch may not); in Node this object
 * keeps the cookie, in memory only. OPAQUE's export key — the unlock root of the person's keys —
 * stays in this object until signOut() or forgetUnlockRoot(); nothing here is written anywhere.
 */
export class PersonSession implements Authorizer {
  readonly #http: HttpCore;
  readonly #origin: string;
  #cookie: string | undefined;
  #csrf: string | undefined;
  #exportKey: string | undefined;
  #principal: WhoAmI | undefined;

  private constructor(http: HttpCore, origin: string) {
    this.#http = http;
    this.#origin = origin;
  }

  /** Signs in: secret (OPAQUE, checked on this device), then the second factor. A wrong secret fails here, before any factor is asked. */
  static async signIn(options: PersonSignInOptions): Promise<PersonSession> {
    await opaque.ready;
    const http = new HttpCore({ baseUrl: options.baseUrl, fetch: options.fetch, timeoutMs: options.timeoutMs, retry: options.retry });
    const session = new PersonSession(http, new URL(options.origin ?? http.baseUrl).origin);
    http.useAuthorizer(session);
    const login = opaque.client.startLogin({ password: options.secret });
    const started = await http.request<{ loginId: string; loginResponse: string }>({
      method: 'POST',
      path: '/people/session/start',
      json: { username: options.username, startLoginRequest: login.startLoginRequest },
      authenticated: false,
    });
    const finished = opaque.client.finishLogin({ clientLoginState: login.clientLoginState, loginResponse: started.body.loginResponse, password: options.secret });
    // OPAQUE is mutual: a wrong secret (or an unknown name) cannot finish, and the server never learns which.
    if (!finished) throw new CcrUsageError('that username and secret did not work');
    session.#took(await http.request<SessionAnswer>({ method: 'POST', path: '/people/session/finish', json: { loginId: started.body.loginId, finishLoginRequest: finished.finishLoginRequest }, authenticated: false }));
    session.#took(await http.request<SessionAnswer>({ method: 'POST', path: '/people/session/second-factor', json: { totpCode: await options.secondFactor() }, safeToRepeat: false }));
    session.#exportKey = finished.exportKey;
    return session;
  }

  /** The service's base URL this session belongs to. */
  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  /** True until signOut(), or until the server refused the session (expired, removed, signed out elsewhere). */
  get active(): boolean {
    return this.#csrf !== undefined;
  }

  headers(): Promise<Record<string, string>> {
    if (!this.#csrf) return Promise.reject(new CcrUsageError('this person session has ended: sign in again'));
    const headers: Record<string, string> = { 'X-CCR-CSRF': this.#csrf, Origin: this.#origin };
    // In a browser the cookie jar sends it (HttpOnly: no script sees it); Node has no jar.
    if (this.#cookie) headers.Cookie = this.#cookie;
    return Promise.resolve(headers);
  }

  /** A 401 means the session ended on the server: nothing can be renewed without the secret and the second factor. */
  rejected(): boolean {
    this.#forget();
    return false;
  }

  /** Who is signed in (read once, from the server). */
  async whoami(): Promise<WhoAmI> {
    this.#principal ??= await new PrincipalsApi(this.#http).me();
    return this.#principal;
  }

  /**
   * Opens the agency's keys from this person's membership wraps: the envelope opens under a key
   * derived from this sign-in's export key, and each wrap must be signed by the agency's key of its
   * epoch from a verified key chain. No keystore file is read or written.
   */
  async unlock(options: PersonUnlockOptions = {}): Promise<MemberKeyring> {
    if (!this.#exportKey) throw new CcrUsageError('this session no longer holds the unlock root: sign in again to unlock');
    const me = await this.whoami();
    const myKeys = await this.myKeys();
    const listing = (await this.#http.request({ method: 'GET', path: apiPath`/agencies/${me.agencyId}/keys` })).body;
    return MemberKeyring.unlock({ personId: me.id, agencyId: me.agencyId, exportKey: this.#exportKey, myKeys, agencyListing: listing, ...options });
  }

  /** GET /people/me/keys: this person's public keys, envelope, wraps, and whether the agency is due for a key rotation. */
  async myKeys(): Promise<MyKeysAnswer & { rotationDue: boolean }> {
    return (await this.#http.request<MyKeysAnswer & { rotationDue: boolean }>({ method: 'GET', path: '/people/me/keys' })).body;
  }

  /**
   * Makes this person's keys on this device, seals them under this sign-in's unlock root and
   * registers them (once after enrolment, and after a recovery). Returns the fingerprint to read
   * to the member who will add you; the private keys leave this device only inside the envelope.
   */
  async setUpKeys(): Promise<{ fingerprint: string }> {
    const me = await this.whoami();
    const keys = await generatePersonKeys(me.id);
    const unlockKey = await personUnlockKey(this.unlockRoot(), me.id);
    try {
      const envelope = await sealPersonEnvelope(keys, unlockKey);
      await this.#http.request({
        method: 'POST',
        path: '/people/me/keys',
        json: { signPublicKey: toBase64(keys.sign.publicKey), boxPublicKey: toBase64(keys.box.publicKey), envelope: toBase64(envelope) },
      });
      return { fingerprint: await personKeyFingerprint(publicKeysOf(keys)) };
    } finally {
      await wipeSecrets(unlockKey, keys.sign.privateKey, keys.box.privateKey);
    }
  }

  /** The fingerprint of this person's registered keys (what a member compares before wrapping). */
  async fingerprint(): Promise<string> {
    const mine = await this.myKeys();
    return personKeyFingerprint(publicKeysFrom('', mine));
  }

  /**
   * Changes this person's own secret (OPAQUE registration under the new one, confirmed by a fresh
   * second-factor code). Their person keys are re-sealed here under the new secret's export key and
   * stored with the new secret in one statement, so they stay unlockable; the person's other
   * sessions end. This session keeps working and now holds the new unlock root.
   */
  async changeSecret(newSecret: string, secondFactor: () => string | Promise<string>): Promise<void> {
    if (newSecret.length < MIN_SECRET_LENGTH) throw new CcrUsageError(`choose a secret of at least ${MIN_SECRET_LENGTH} characters`);
    await opaque.ready;
    const me = await this.whoami();
    const registration = opaque.client.startRegistration({ password: newSecret });
    const started = await this.#http.request<{ registrationResponse: string; serverPublicKey: string }>({ method: 'POST', path: '/people/secret/start', json: { registrationRequest: registration.registrationRequest } });
    const finished = opaque.client.finishRegistration({ password: newSecret, clientRegistrationState: registration.clientRegistrationState, registrationResponse: started.body.registrationResponse });
    if (finished.serverStaticPublicKey !== started.body.serverPublicKey) throw new CcrUsageError("the server's OPAQUE key changed: the secret was not changed");
    const envelope = await this.resealedEnvelope(me.id, finished.exportKey);
    await this.#http.request({
      method: 'POST',
      path: '/people/secret/finish',
      json: { registrationRecord: finished.registrationRecord, totpCode: await secondFactor(), ...(envelope ? { envelope } : {}) },
    });
    this.#exportKey = finished.exportKey;
  }

  /** The person's keys opened with the current unlock root and sealed under the next one (none yet: nothing to re-seal). */
  private async resealedEnvelope(personId: string, nextExportKey: string): Promise<string | undefined> {
    const mine = await this.#http.request<MyKeysAnswer>({ method: 'GET', path: '/people/me/keys' }).catch((error: unknown) => {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    });
    if (!mine) return undefined;
    const currentKey = await personUnlockKey(this.unlockRoot(), personId);
    const nextKey = await personUnlockKey(nextExportKey, personId);
    const envelope = fromBase64Strict(mine.body.envelope);
    if (!envelope) throw new CcrUsageError('the server sent a value that is not canonical base64');
    const keys = await openPersonEnvelope(envelope, currentKey, personId, mine.body.keyVersion);
    try {
      return toBase64(await sealPersonEnvelope(keys, nextKey, mine.body.keyVersion));
    } finally {
      await wipeSecrets(currentKey, nextKey, keys.sign.privateKey, keys.box.privateKey);
    }
  }

  /**
   * The unlock root, for this person's own key set-up (registering person keys after enrolment,
   * or after a recovery). Handle as a secret; prefer unlock().
   */
  unlockRoot(): string {
    if (!this.#exportKey) throw new CcrUsageError('this session no longer holds the unlock root: sign in again');
    return this.#exportKey;
  }

  /** Drops the export key: the session still authorises calls, but can no longer unlock (lock without signing out). */
  forgetUnlockRoot(): void {
    this.#exportKey = undefined;
  }

  /** Ends the session on the server and forgets everything held here. */
  async signOut(): Promise<void> {
    if (!this.#csrf) return;
    try {
      await this.#http.request({ method: 'DELETE', path: '/people/session' });
    } finally {
      this.#forget();
    }
  }

  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, active: this.active, unlockable: this.#exportKey !== undefined };
  }

  [INSPECT_CUSTOM](): string {
    return `PersonSession { active: ${this.active}, unlockable: ${this.#exportKey !== undefined} }`;
  }

  #took(response: HttpResponse<SessionAnswer>): void {
    this.#csrf = response.body.csrfToken;
    const cookie = sessionCookieOf(response.headers);
    if (cookie) this.#cookie = cookie;
  }

  #forget(): void {
    this.#cookie = undefined;
    this.#csrf = undefined;
    this.#exportKey = undefined;
    this.#principal = undefined;
  }
}

/** `name=value` of the session cookie in an answer (Node); a browser hides Set-Cookie from script, and keeps the cookie itself. */
function sessionCookieOf(headers: Headers): string | undefined {
  const lines = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [];
  const line = lines.find((each) => /^(__Host-)?ccr-session=/.test(each));
  return line?.split(';')[0];
}
