import { AgenciesApi } from './api/agencies-api';
import { AgreementsApi } from './api/agreements-api';
import { MonitoringApi } from './monitoring/monitoring-api';
import type { AreaContext } from './api/area-context';
import { CasesApi } from './api/cases-api';
import { ConsentsApi } from './api/consents-api';
import { EventsApi } from './api/events-api';
import { KeysApi } from './api/keys-api';
import { MandatesApi } from './api/mandates-api';
import { NotesApi } from './api/notes-api';
import { PrincipalsApi, type WhoAmI } from './api/principals-api';
import { ReferralsApi } from './api/referrals-api';
import { WebhooksApi } from './api/webhooks-api';
import { ScreensApi } from './risk/screens-api';
import { TeamsApi } from './risk/teams-api';
import { MeetingsApi } from './risk/meetings-api';
import type { Credentials } from './auth/credentials';
import { TokenEndpoint } from './auth/token-endpoint';
import { TokenManager } from './auth/token-manager';
import { KeyDirectory, type PinPolicy } from './directory/key-directory';
import { CcrUsageError } from './errors';
import { HttpCore } from './http/http-core';
import type { RetryOptions } from './http/http-types';
import { KeyManager } from './keys/key-manager';
import type { Keyring } from './keys/keyring';
import { AgencyKeystore } from './keystore/agency-keystore';
import { MembersApi } from './people/members-api';
import type { PersonSession } from './people/person-session';
import { RecordCrypto } from './records/record-crypto';

export interface ConnectOptions {
  /** e.g. https://ccr.example.org (a path prefix is kept). Defaults to the person session's. */
  baseUrl?: string;
  /** A service account (private_key_jwt, or a client secret). Give this or `session`. */
  credentials?: Credentials;
  /** A person signed in with their own secret and second factor (PersonSession.signIn). */
  session?: PersonSession;
  /**
   * The agency's keys, however this client holds them: a file keystore (AgencyKeystore) or a
   * person's membership wraps (MemberKeyring, from session.unlock()). Needed for keys, directory and
   * records, not for plain API calls.
   */
  keyring?: Keyring;
  /** The file keystore (the same as `keyring`, kept for service accounts' existing code). */
  keystore?: AgencyKeystore;
  /** The server's issuer identifier (client-assertion audience); discovered when omitted. */
  issuer?: string;
  fetch?: typeof fetch;
  /** Per attempt, default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** How long a verified key listing is reused before sealing fetches it again (default 60 s). */
  directoryMaxAgeMs?: number;
  /** Partners' keys not pinned yet: refused (strict), or pinned on first use and reported. */
  pinPolicy?: PinPolicy;
}

/**
 * The CCR Exchange client: one HTTP core and token cache shared by small per-area objects
 * (agencies, principals, keys, directory, records, cases, consents, mandates, referrals, notes,
 * events). connect() authenticates at once, so bad credentials fail here, not mid-work.
 */
export class CcrClient {
  readonly agencies: AgenciesApi;
  readonly principals: PrincipalsApi;
  /** Cases of this agency and their sealed survivor profile. */
  readonly cases: CasesApi;
  /** The survivor's releases: recorded, amended and revoked with this agency's signature. */
  readonly consents: ConsentsApi;
  /** The register of compelled disclosures (court orders, statutes). */
  readonly mandates: MandatesApi;
  /** Closed-loop referrals, sealed for exactly this agency and the receiver. */
  readonly referrals: ReferralsApi;
  /** Case notes, wrapped for exactly the agencies the survivor's releases allow. */
  readonly notes: NotesApi;
  /** Risk screens (LAP, DASH, Danger Assessment): scored here, sealed as `risk` notes. */
  readonly screens: ScreensApi;
  /** Standing high-risk teams (formed by a person of the chair agency; seen by members only). */
  readonly teams: TeamsApi;
  /** High-risk team meetings: agenda, sealed contributions and minutes, action items. */
  readonly meetings: MeetingsApi;
  /** The change feed. */
  readonly events: EventsApi;
  /** This agency's people: add (wrap the agency keys to them), remove, rotate and re-wrap. */
  readonly members: MembersApi;
  /** Working agreements between agencies, signed by every party. */
  readonly agreements: AgreementsApi;
  /** Push delivery to this agency's systems: endpoints, secrets, the delivery log, replays. */
  readonly webhooks: WebhooksApi;
  /** CCR monitoring reports (coordinating body): figures computed from the disclosure log. */
  readonly monitoring: MonitoringApi;
  readonly #tokens: TokenManager | undefined;
  readonly #keyring: Keyring | undefined;
  readonly #directory: KeyDirectory | undefined;
  readonly #keys: KeyManager | undefined;
  readonly #records: RecordCrypto | undefined;

  private constructor(
    readonly http: HttpCore,
    tokens: TokenManager | undefined,
    /** Who the credentials authenticate, as read at connect(). */
    readonly principal: WhoAmI,
    options: ConnectOptions,
  ) {
    this.#tokens = tokens;
    this.agencies = new AgenciesApi(http);
    this.principals = new PrincipalsApi(http);
    const keyring = keyringOf(options);
    this.#keyring = keyring;
    if (keyring) {
      const keysApi = new KeysApi(http);
      this.#directory = new KeyDirectory(keyring, { source: keysApi, maxAgeMs: options.directoryMaxAgeMs, pinPolicy: options.pinPolicy });
      this.#keys = new KeyManager(keyring, keysApi, this.#directory);
      this.#records = new RecordCrypto(keyring, this.#directory);
    }
    const context: AreaContext = { http, agencyId: principal.agencyId, agencies: this.agencies, keystore: () => this.keyring, records: () => this.records };
    this.cases = new CasesApi(context);
    this.consents = new ConsentsApi(context);
    this.mandates = new MandatesApi(context);
    this.referrals = new ReferralsApi(context, this.consents);
    this.notes = new NotesApi(context, this.consents);
    this.screens = new ScreensApi(this.notes, this.cases);
    this.teams = new TeamsApi(context);
    this.meetings = new MeetingsApi(context, this.notes);
    this.events = new EventsApi(context);
    this.members = new MembersApi(http, principal.agencyId, () => this.keyring, () => this.directory);
    this.agreements = new AgreementsApi(context, () => this.directory.signingKeys());
    this.webhooks = new WebhooksApi(context);
    this.monitoring = new MonitoringApi(http);
  }

  /**
   * Authenticates at once, by one Authorizer whichever the principal: a service account's token
   * (credentials) or a person's cookie session (session). Bad credentials fail here, not mid-work.
   */
  static async connect(options: ConnectOptions): Promise<CcrClient> {
    if ((options.credentials === undefined) === (options.session === undefined)) throw new CcrUsageError('connect with exactly one of `credentials` (a service account) or `session` (a person)');
    const baseUrl = options.baseUrl ?? options.session?.baseUrl;
    if (!baseUrl) throw new CcrUsageError('connect needs a baseUrl');
    const http = new HttpCore({ baseUrl, fetch: options.fetch, timeoutMs: options.timeoutMs, retry: options.retry });
    let tokens: TokenManager | undefined;
    if (options.credentials) {
      const endpoint = new TokenEndpoint(http, options.credentials, options.issuer);
      tokens = new TokenManager(() => endpoint.requestToken());
      http.useAuthorizer(tokens);
    } else {
      if (new URL(http.baseUrl).origin !== new URL(options.session?.baseUrl as string).origin) throw new CcrUsageError('the session belongs to another service than baseUrl');
      http.useAuthorizer(options.session as PersonSession);
    }
    const principal = await new PrincipalsApi(http).me();
    const keyring = keyringOf(options);
    if (keyring && keyring.agencyId !== principal.agencyId) {
      throw new CcrUsageError(`these credentials belong to agency ${principal.agencyId}, but the keys to agency ${keyring.agencyId}`);
    }
    return new CcrClient(http, tokens, principal, options);
  }

  /** The agency's keys as this client holds them (file keystore or membership wraps). */
  get keyring(): Keyring {
    return this.#keyring ?? needsKeystore();
  }

  /** The file keystore, for what only a file can do (its path, passphrase, merge); a person's client has none. */
  get keystore(): AgencyKeystore {
    const keyring = this.keyring;
    if (!(keyring instanceof AgencyKeystore)) throw new CcrUsageError("this client holds a person's membership keys, not a keystore file");
    return keyring;
  }

  /** This agency's keys: register, rotate; and other agencies' keys, verified and pinned. */
  get keys(): KeyManager {
    return this.#keys ?? needsKeystore();
  }

  get directory(): KeyDirectory {
    return this.#directory ?? needsKeystore();
  }

  /** Seal, open and share records as this agency. */
  get records(): RecordCrypto {
    return this.#records ?? needsKeystore();
  }

  whoami(): Promise<WhoAmI> {
    return this.principals.me();
  }

  /** Forgets the access token. The keystore (or keyring) and a person's session stay open: close them yourself (they may be shared). */
  close(): void {
    this.#tokens?.clear();
  }
}

/** Sealing and opening with pinned keys only, no API: for files moved between agencies, tests, and a person's MemberKeyring (records fetched with their session). */
export function offlineRecords(keystore: Keyring): RecordCrypto {
  return new RecordCrypto(keystore, new KeyDirectory(keystore));
}

/** The pins of a keystore, readable without a connection. */
export function offlineDirectory(keystore: Keyring): KeyDirectory {
  return new KeyDirectory(keystore);
}

function keyringOf(options: ConnectOptions): Keyring | undefined {
  if (options.keyring && options.keystore && options.keyring !== options.keystore) throw new CcrUsageError('pass either `keyring` or `keystore`, not both');
  return options.keyring ?? options.keystore;
}

function needsKeystore(): never {
  throw new CcrUsageError('this client was connected without keys: pass `keyring` (or `keystore`) to CcrClient.connect');
}
