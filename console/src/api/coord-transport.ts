import type { Agency, MembersAnswer, MyKeysAnswer } from '../../../src/sdk/browser';
import { apiPath, CcrApiError } from '../../../src/sdk/browser-plain';
import { csrfStore } from '../state/stores';
import { askKeyWorker } from '../workers/key-worker';
import { type KeyWorkerReply } from '../workers/key-protocol';
import { agenciesApi, http } from './http';

export interface PersonListed {
  id: string;
  kind: 'person' | 'service';
  username: string;
  displayName: string;
  roles: string[];
  status: 'active' | 'disabled';
  authentication: string;
}

export interface EnrolmentLink {
  code: string;
  link: string;
  expiresAt: string;
}

async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, json?: unknown): Promise<T> {
  return (await http.request<T>({ method, path, json })).body;
}

function expect<T extends KeyWorkerReply['type']>(reply: KeyWorkerReply, type: T): Extract<KeyWorkerReply, { type: T }> {
  if (reply.type === type) return reply as Extract<KeyWorkerReply, { type: T }>;
  throw new Error(reply.type === 'error' ? reply.message : `the key worker answered ${reply.type}`);
}

function csrf(): string {
  const value = csrfStore.get();
  if (!value) throw new Error('sign in again');
  return value;
}

/**
 * The coordinator's calls (issue 20): people and enrolment links as the administrator's API offers
 * them; membership through the key worker, which makes every wrap (the server only stores them).
 */
export const coordTransport = {
  agencies: (): Promise<Agency[]> => agenciesApi.list(),

  /** Onboards an agency (administrators): its people are added next; its first person makes its keys (decision 0156). */
  createAgency: (form: { name: string; kind: string; regime: string }): Promise<Agency> => call('POST', '/agencies', form),

  /** The agency's current key epoch as the directory lists it, or null while it has none. */
  agencyEpoch: async (agencyId: string): Promise<number | null> => (await call<{ currentEpoch: number | null }>('GET', apiPath`/agencies/${agencyId}/keys`)).currentEpoch,

  /** The agency's first keys, made in the key worker and wrapped to this person there; the fingerprint comes back. */
  async makeAgencyFirstKeys(agencyId: string): Promise<{ epoch: number; fingerprint: string }> {
    return expect(await askKeyWorker({ type: 'make-agency-first-keys', agencyId, csrf: csrf() }), 'agency-first-keys-made');
  },

  people: (agencyId: string): Promise<PersonListed[]> => call('GET', apiPath`/agencies/${agencyId}/principals`),

  /** Creates the person (no password: they choose their secret at enrolment) and issues their single-use link. */
  async onboard(agencyId: string, form: { username: string; displayName: string; roles: readonly string[] }): Promise<EnrolmentLink> {
    const created = await call<{ principal: { id: string } }>('POST', apiPath`/agencies/${agencyId}/principals`, { kind: 'person', ...form });
    return this.enrolmentLink(agencyId, created.principal.id);
  },

  /** A new single-use link (the previous unused one stops working); for an enrolled person it is a re-enrolment. */
  enrolmentLink: (agencyId: string, personId: string): Promise<EnrolmentLink> => call('POST', apiPath`/agencies/${agencyId}/principals/${personId}/enrolment-code`, {}),

  members: (agencyId: string): Promise<MembersAnswer> => call('GET', apiPath`/agencies/${agencyId}/members`),

  /** The member's key worker wraps the agency's keys to the person, only if their listed keys have the fingerprint confirmed. */
  async add(personId: string, fingerprint: string): Promise<{ epochs: number[] }> {
    return expect(await askKeyWorker({ type: 'add-member', personId, fingerprint, csrf: csrf() }), 'member-added');
  },

  remove: (agencyId: string, personId: string): Promise<{ logIndex: number; rotationDue: boolean }> => call('DELETE', apiPath`/agencies/${agencyId}/people/${personId}/membership`),

  async rotate(): Promise<Extract<KeyWorkerReply, { type: 'members-rotated' }>> {
    return expect(await askKeyWorker({ type: 'rotate-members', csrf: csrf() }), 'members-rotated');
  },

  /** This person's registered keys, or null before they made them. */
  async myKeys(): Promise<MyKeysAnswer | null> {
    try {
      return await call<MyKeysAnswer>('GET', '/people/me/keys');
    } catch (error) {
      if (error instanceof CcrApiError && error.status === 404) return null;
      throw error;
    }
  },

  /** Makes the person's keys in the key worker (after a password sign-in) and registers the public halves and the envelope. */
  async makeKeys(personId: string): Promise<string> {
    const made = expect(await askKeyWorker({ type: 'make-person-keys', personId }), 'person-keys-made');
    await call('POST', '/people/me/keys', { signPublicKey: made.signPublicKey, boxPublicKey: made.boxPublicKey, envelope: made.envelope });
    return made.fingerprint;
  },

  /**
   * Changes the person's secret (as PersonSession.changeSecret): OPAQUE registration in the key
   * worker, the person's keys re-sealed there under the new secret and sent with it — the server
   * refuses a change without them (422) when the person has keys.
   */
  async changeSecret(personId: string, secret: string, totpCode: string): Promise<void> {
    const started = expect(await askKeyWorker({ type: 'secret-change-start', password: secret }), 'secret-change-started');
    const answer = await call<{ registrationResponse: string; serverPublicKey: string }>('POST', '/people/secret/start', { registrationRequest: started.registrationRequest });
    const myKeys = await this.myKeys();
    const ready = expect(await askKeyWorker({ type: 'secret-change-finish', personId, registrationResponse: answer.registrationResponse, myKeys }), 'secret-change-ready');
    if (ready.serverStaticPublicKey !== answer.serverPublicKey) throw new ServerKeyChanged();
    await call('POST', '/people/secret/finish', { registrationRecord: ready.registrationRecord, totpCode, ...(ready.envelope ? { envelope: ready.envelope } : {}) });
    expect(await askKeyWorker({ type: 'secret-changed' }), 'done');
  },
};

export class ServerKeyChanged extends Error {
  override readonly name = 'ServerKeyChanged';
}
