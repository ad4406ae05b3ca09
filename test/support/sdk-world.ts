import { type AgencyKind, type ConfidentialityRegime } from '../../src/agencies/agency.vocabulary';
import { INFORMED_CONSENT_ITEMS } from '../../src/consent/consent.vocabulary';
import { type AgencyEvent, AgencyKeystore, type CcrClient, CcrClient as Client, collect, Credentials, type ReleaseTerms } from '../../src/sdk';
import { type Role } from '../../src/principals/principal.vocabulary';
import { connect, KEYSTORE_PASSPHRASE, type ListeningApp, registerServiceAccount, startListeningApp, TempFolder, uniqueName } from './sdk';

/** An onboarded agency whose system talks to the API through the SDK, its keys registered. */
export interface SdkAgency {
  agencyId: string;
  clientId: string;
  keystore: AgencyKeystore;
  client: CcrClient;
}

export async function sdkAgency(app: ListeningApp, folder: TempFolder, kind: AgencyKind, regime: ConfidentialityRegime): Promise<SdkAgency> {
  const agencyId = await app.ccr.agency(kind, regime);
  const clientId = uniqueName(`${kind}-system`);
  const keystore = await AgencyKeystore.create({ path: folder.file(`${clientId}.json`), agencyId, clientId, passphrase: KEYSTORE_PASSPHRASE, strength: 'interactive' });
  await registerServiceAccount(app, agencyId, clientId, keystore);
  const client = await connect(app, { agencyId, clientId, keystore });
  await client.keys.register();
  return { agencyId, clientId, keystore, client };
}

/** The usual pair of the SDK suites: a listening app, a folder for keystores, police and the advocacy program. */
export interface PoliceAndAdvocacy {
  app: ListeningApp;
  folder: TempFolder;
  police: SdkAgency;
  advocacy: SdkAgency;
  /** Closes the keystores, the app and removes the folder. */
  close(): Promise<void>;
}

export async function policeAndAdvocacy(): Promise<PoliceAndAdvocacy> {
  const app = await startListeningApp();
  const folder = await TempFolder.create();
  const police = await sdkAgency(app, folder, 'law_enforcement', 'criminal_justice');
  const advocacy = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
  return {
    app,
    folder,
    police,
    advocacy,
    async close() {
      for (const agency of [police, advocacy]) await agency.keystore.close();
      await app.close();
      await folder.remove();
    },
  };
}

/** A person of the agency (e.g. an advocate) working with the agency's keystore. */
export async function personClient(app: ListeningApp, agency: SdkAgency, roles: Role[]): Promise<CcrClient> {
  const person = await app.ccr.person(agency.agencyId, roles);
  return Client.connect({ baseUrl: app.baseUrl, credentials: Credentials.password(person.username, person.secret), keystore: agency.keystore });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A written release, every checklist item discussed, valid from a minute ago for 90 days. */
export function writtenRelease(recipientAgencyId: string, overrides: Partial<ReleaseTerms> = {}): ReleaseTerms {
  return {
    recipientAgencyId,
    categories: ['risk', 'safety_plan'],
    actions: ['receive_notes'],
    purpose: 'prosecution_support',
    validFrom: new Date(Date.now() - 60_000),
    validUntil: new Date(Date.now() + 90 * DAY_MS),
    captureMode: 'written_signature',
    language: 'en',
    interpreter: { used: false },
    informedConsent: [...INFORMED_CONSENT_ITEMS],
    ...overrides,
  };
}

/**
 * The agency's feed once `wanted` holds for it. The feed shows an event only when every older
 * transaction on the PostgreSQL server has ended (so a cursor never skips one); on a shared test
 * server that can take a moment, so this waits for it — the assertion is still on the content.
 */
export async function feedOnce(client: CcrClient, wanted: (events: AgencyEvent[]) => boolean, attempts = 400): Promise<AgencyEvent[]> {
  let events: AgencyEvent[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    events = await collect(client.events.feed());
    if (wanted(events)) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return events;
}

/**
 * A fetch that lets the server act on the first request matching `drop` and then loses the
 * answer (as a dropped connection would): what retries and idempotency are for.
 */
export function losingFirstAnswer(drop: (method: string, url: string) => boolean): { fetch: typeof fetch; dropped: string[] } {
  const dropped: string[] = [];
  const lossy: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = input instanceof Request ? input.url : input.toString();
    const method = init?.method ?? 'GET';
    if (dropped.length === 0 && drop(method, url)) {
      dropped.push(`${method} ${new URL(url).pathname}`);
      await response.arrayBuffer();
      throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    }
    return response;
  };
  return { fetch: lossy, dropped };
}

/** A second client of the agency whose fetch loses one answer. */
export function lossyClient(app: ListeningApp, agency: SdkAgency, drop: (method: string, url: string) => boolean) {
  const lossy = losingFirstAnswer(drop);
  const client = Client.connect({ baseUrl: app.baseUrl, credentials: Credentials.fromKeystore(agency.keystore), keystore: agency.keystore, fetch: lossy.fetch, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  return { client, dropped: lossy.dropped };
}
