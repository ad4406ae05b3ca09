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
import { ScreensApi } from './risk/screens-api';
import { TeamsApi } from './risk/teams-api';
import type { Credentials } from './auth/credentials';
import { TokenEndpoint } from './auth/token-endpoint';
import { TokenManager } from './auth/token-manager';
import { KeyDirectory, type PinPolicy } from './directory/key-directory';
import { CcrUsageError } from './errors';
import { HttpCore } from './http/http-core';
import type { RetryOptions } from './http/http-types';
import { KeyManager } from './keys/key-manager';
import type { Keyring } from './keys/keyring';
import type { AgencyKeystore } from './keystore/agency-keystore';
import { RecordCrypto } from './records/record-crypto';

export interface ConnectOptions {
  /** e.g. https://ccr.example.org (a path prefix is kept). */
  baseUrl: string;
  credentials: Credentials;
  /** The agency keystore: needed for keys, directory and records, not for plain API calls. */
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
  /** The change feed. */
  readonly events: EventsApi;
  /** Working agreements between agencies, signed by every party. */
  readonly agreements: AgreementsApi;
  /** CCR monitoring reports (coordinating body): figures computed from the disclosure log. */
  readonly monitoring: MonitoringApi;
  readonly #tokens: TokenManager;
  readonly #keystore: AgencyKeystore | undefined;
  readonly #directory: KeyDirectory | undefined;
  readonly #keys: KeyManager | undefined;
  readonly #records: RecordCrypto | undefined;

  private constructor(
    readonly http: HttpCore,
    tokens: TokenManager,
    /** Who the credentials authenticate, as read at connect(). */
    readonly principal: WhoAmI,
    options: ConnectOptions,
  ) {
    this.#tokens = tokens;
    this.agencies = new AgenciesApi(http);
    this.principals = new PrincipalsApi(http);
    this.#keystore = options.keystore;
    if (options.keystore) {
      const keysApi = new KeysApi(http);
      this.#directory = new KeyDirectory(options.keystore, { source: keysApi, maxAgeMs: options.directoryMaxAgeMs, pinPolicy: options.pinPolicy });
      this.#keys = new KeyManager(options.keystore, keysApi, this.#directory);
      this.#records = new RecordCrypto(options.keystore, this.#directory);
    }
    const context: AreaContext = { http, agencyId: principal.agencyId, agencies: this.agencies, keystore: () => this.keystore, records: () => this.records };
    this.cases = new CasesApi(context);
    this.consents = new ConsentsApi(context);
    this.mandates = new MandatesApi(context);
    this.referrals = new ReferralsApi(context, this.consents);
    this.notes = new NotesApi(context, this.consents);
    this.screens = new ScreensApi(this.notes, this.cases);
    this.teams = new TeamsApi(context);
    this.events = new EventsApi(context);
    this.agreements = new AgreementsApi(context, () => this.directory.signingKeys());
    this.monitoring = new MonitoringApi(http);
  }

  static async connect(options: ConnectOptions): Promise<CcrClient> {
    const http = new HttpCore({ baseUrl: options.baseUrl, fetch: options.fetch, timeoutMs: options.timeoutMs, retry: options.retry });
    const endpoint = new TokenEndpoint(http, options.credentials, options.issuer);
    const tokens = new TokenManager(() => endpoint.requestToken());
    http.useAuthorizer(tokens);
    const principal = await new PrincipalsApi(http).me();
    if (options.keystore && options.keystore.agencyId !== principal.agencyId) {
      throw new CcrUsageError(`these credentials belong to agency ${principal.agencyId}, but the keystore to agency ${options.keystore.agencyId}`);
    }
    return new CcrClient(http, tokens, principal, options);
  }

  get keystore(): AgencyKeystore {
    return this.#keystore ?? needsKeystore();
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

  /** Forgets the access token. The keystore stays open: close it yourself (it may be shared). */
  close(): void {
    this.#tokens.clear();
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

function needsKeystore(): never {
  throw new CcrUsageError('this client was connected without a keystore: pass `keystore` to CcrClient.connect');
}
