import { randomUUID } from 'node:crypto';
import {
  type AgencyKeyEpoch,
  fromBase64Strict,
  generateAgencyKeyEpoch,
  getSodium,
  keyFingerprint,
  type KeyRegistrationV1,
  signKeyRegistration,
  toBase64,
} from '../../src/crypto';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { connectAsApiRole } from '../support/api-role';
import { withAdminClient } from '../support/database';

/** An agency's key history as its own client keeps it: every epoch with its secret keys. */
class AgencyKeyring {
  readonly epochs: AgencyKeyEpoch[] = [];

  constructor(readonly agencyId: string) {}

  /** The next epoch's keys and its registration, signed by the previous epoch when there is one. */
  async next(createdAt?: string): Promise<KeyRegistrationV1> {
    const keys = await generateAgencyKeyEpoch(this.agencyId, this.epochs.length + 1, createdAt);
    const registration = await signKeyRegistration(keys, this.epochs.at(-1)?.sign.privateKey);
    this.epochs.push(keys);
    return registration;
  }
}

interface LoggedRegistration {
  actor: { principal: string; agency: string; roles: string[] };
  requestId: string;
  detail: { agency: string; epoch: number; fingerprint: string };
}

describe('the agency key directory (POST/GET /agencies/:agencyId/keys)', () => {
  let t: TestApp;
  let ccr: TestCcr;

  beforeAll(async () => {
    t = await startTestApp();
    ccr = new TestCcr(t);
  });
  afterAll(() => t.close());

  const register = (actor: Actor, agencyId: string, body: unknown) => t.http().post(`/agencies/${agencyId}/keys`).set('Authorization', actor.bearer).send(body as object);
  const listing = (actor: Actor, agencyId: string) => t.http().get(`/agencies/${agencyId}/keys`).set('Authorization', actor.bearer);

  async function memberAgency(): Promise<{ agencyId: string; service: Actor; keyring: AgencyKeyring }> {
    const agencyId = await ccr.agency('advocacy');
    return { agencyId, service: await ccr.service(agencyId), keyring: new AgencyKeyring(agencyId) };
  }

  async function loggedRegistrations(agencyId: string): Promise<LoggedRegistration[]> {
    return withAdminClient(async (client) => {
      const result = await client.query<{ entry: LoggedRegistration }>(
        `SELECT convert_from(entry, 'UTF8')::jsonb AS entry FROM ledger_entries
          WHERE kind = 'key_registered' AND convert_from(entry, 'UTF8')::jsonb->'detail'->>'agency' = $1 ORDER BY idx`,
        [agencyId],
      );
      return result.rows.map((row) => row.entry);
    }, t.database.url);
  }

  async function storedEpochs(agencyId: string): Promise<number> {
    return withAdminClient(async (client) => Number((await client.query(`SELECT count(*) AS n FROM agency_keys WHERE agency_id = $1`, [agencyId])).rows[0].n), t.database.url);
  }

  it("registers an agency's first epoch (201) and logs it as key_registered with the fingerprint", async () => {
    const { agencyId, service, keyring } = await memberAgency();
    const registration = await keyring.next();
    const response = await register(service, agencyId, registration).expect(201);

    const keys = keyring.epochs[0];
    const fingerprint = await keyFingerprint({ agencyId, epoch: 1, signPublicKey: keys.sign.publicKey, boxPublicKey: keys.box.publicKey });
    expect(fingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    expect(response.body).toEqual({
      agencyId,
      epoch: 1,
      signPublicKey: toBase64(keys.sign.publicKey),
      boxPublicKey: toBase64(keys.box.publicKey),
      createdAt: registration.createdAt,
      fingerprint,
      current: true,
    });

    const logged = await loggedRegistrations(agencyId);
    expect(logged).toHaveLength(1);
    expect(logged[0].detail).toEqual({ agency: agencyId, epoch: 1, fingerprint });
    expect(logged[0].actor).toEqual({ principal: service.id, agency: agencyId, roles: ['service'] });
    expect(logged[0].requestId).toBe(response.headers['x-request-id']);
  });

  it('lists every epoch, oldest first, each with its signed registration, to any role (including auditors)', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    const first = await keyring.next();
    await register(service, agencyId, first).expect(201);
    const second = await keyring.next();
    await register(service, agencyId, second).expect(201);

    const auditor = await ccr.person(await ccr.coordinatingBodyId(), ['auditor']);
    const response = await listing(auditor, agencyId).expect(200);
    expect(response.body.agencyId).toBe(agencyId);
    expect(response.body.currentEpoch).toBe(2);
    expect(response.body.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
    const [old, current] = response.body.epochs;
    expect(old.registration).toEqual(first);
    expect(current.registration).toEqual(second);
    expect(old.signPublicKey).toBe(first.signPublicKey);
    expect(current.boxPublicKey).toBe(second.boxPublicKey);
    expect(old.createdAt).toBe(first.createdAt);
    expect(new Date(old.retiredAt).toISOString()).toBe(old.retiredAt);
    expect(current.retiredAt).toBeNull();
    expect(current.fingerprint).toBe(
      await keyFingerprint({ agencyId, epoch: 2, signPublicKey: keyring.epochs[1].sign.publicKey, boxPublicKey: keyring.epochs[1].box.publicKey }),
    );
  });

  it('accepts a rotation chain 1 → 2 → 3, each epoch signed by its predecessor, retiring the predecessor', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    for (let epoch = 1; epoch <= 3; epoch++) {
      const response = await register(service, agencyId, await keyring.next()).expect(201);
      expect(response.body).toMatchObject({ epoch, current: true });
    }
    const listed = await listing(service, agencyId).expect(200);
    expect(listed.body.currentEpoch).toBe(3);
    expect(listed.body.epochs.map((e: { retiredAt: string | null }) => e.retiredAt === null)).toEqual([false, false, true]);
    expect((await loggedRegistrations(agencyId)).map((entry) => entry.detail.epoch)).toEqual([1, 2, 3]);
  });

  it('answers an identical retry with 200 and the registration, writing nothing (the SDK retries after crashes)', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    const first = await keyring.next();
    const created = await register(service, agencyId, first).expect(201);
    const retried = await register(service, agencyId, first).expect(200);
    expect(retried.body).toEqual(created.body);

    const second = await keyring.next();
    await register(service, agencyId, second).expect(201);
    const lateRetryOfFirst = await register(service, agencyId, first).expect(200);
    expect(lateRetryOfFirst.body).toEqual({ ...created.body, current: false });
    await register(service, agencyId, second).expect(200);

    expect(await loggedRegistrations(agencyId)).toHaveLength(2);
    expect(await storedEpochs(agencyId)).toBe(2);
  });

  it('refuses another registration for an existing epoch (409 key-epoch-taken)', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    await register(service, agencyId, await keyring.next()).expect(201);
    const rival = await signKeyRegistration(await generateAgencyKeyEpoch(agencyId, 1));
    const response = await register(service, agencyId, rival).expect(409);
    expect(response.body).toMatchObject({ type: 'urn:ccr-exchange:problem:key-epoch-taken', status: 409, currentEpoch: 1 });

    // Same keys, but another createdAt: a different signed statement, so not a retry.
    const resigned = await signKeyRegistration({ ...keyring.epochs[0], createdAt: '2026-01-01T00:00:00.000Z' });
    await register(service, agencyId, resigned).expect(409);
    const listed = await listing(service, agencyId).expect(200);
    expect(listed.body.epochs.map((e: { signPublicKey: string }) => e.signPublicKey)).toEqual([toBase64(keyring.epochs[0].sign.publicKey)]);
  });

  it('refuses an epoch other than current + 1 (409 key-epoch-not-next), including a first registration above 1', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    const epoch1 = await generateAgencyKeyEpoch(agencyId, 1);
    const epoch2 = await generateAgencyKeyEpoch(agencyId, 2);
    const skipped = await register(service, agencyId, await signKeyRegistration(epoch2, epoch1.sign.privateKey)).expect(409);
    expect(skipped.body).toMatchObject({ type: 'urn:ccr-exchange:problem:key-epoch-not-next', currentEpoch: null });

    await register(service, agencyId, await keyring.next()).expect(201);
    await keyring.next();
    const epoch3 = await generateAgencyKeyEpoch(agencyId, 3);
    const ahead = await register(service, agencyId, await signKeyRegistration(epoch3, keyring.epochs[1].sign.privateKey)).expect(409);
    expect(ahead.body).toMatchObject({ type: 'urn:ccr-exchange:problem:key-epoch-not-next', currentEpoch: 1 });
    expect(ahead.body.detail).toContain('next epoch for this agency is 2');
    expect(await storedEpochs(agencyId)).toBe(1);
  });

  it('refuses a registration whose self-signature does not verify (422 bad_self_signature)', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    const registration = await keyring.next();
    const signature = fromBase64Strict(registration.selfSignature) as Uint8Array;
    signature[5] ^= 0x40;
    const response = await register(service, agencyId, { ...registration, selfSignature: toBase64(signature) }).expect(422);
    expect(response.body).toMatchObject({
      type: 'urn:ccr-exchange:problem:key-registration-rejected',
      reason: 'bad_self_signature',
      errors: [{ field: 'selfSignature', messages: [expect.any(String)] }],
    });
    expect(await storedEpochs(agencyId)).toBe(0);
    expect(await loggedRegistrations(agencyId)).toEqual([]);
  });

  it('refuses a rotation not signed by the previous registered key (422 bad_rotation_signature), and one without a rotation signature', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    await register(service, agencyId, await keyring.next()).expect(201);
    const impostor = await generateAgencyKeyEpoch(agencyId, 1);
    const next = await generateAgencyKeyEpoch(agencyId, 2);
    const forged = await signKeyRegistration(next, impostor.sign.privateKey);
    const response = await register(service, agencyId, forged).expect(422);
    expect(response.body).toMatchObject({ reason: 'bad_rotation_signature', errors: [{ field: 'rotationSignature' }] });

    const unsigned = await register(service, agencyId, { ...(await signKeyRegistration(next, keyring.epochs[0].sign.privateKey)), rotationSignature: null }).expect(422);
    expect(unsigned.body.reason).toBe('bad_rotation_signature');

    const listed = await listing(service, agencyId).expect(200);
    expect(listed.body).toMatchObject({ currentEpoch: 1, epochs: [{ epoch: 1, retiredAt: null }] });
  });

  it('refuses a rotation that reuses a key of an earlier epoch (422 key_reused)', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    await register(service, agencyId, await keyring.next()).expect(201);
    const fresh = await generateAgencyKeyEpoch(agencyId, 2);
    const sameBoxKey = { ...fresh, box: keyring.epochs[0].box };
    const response = await register(service, agencyId, await signKeyRegistration(sameBoxKey, keyring.epochs[0].sign.privateKey)).expect(422);
    expect(response.body).toMatchObject({ reason: 'key_reused' });
    expect(await storedEpochs(agencyId)).toBe(1);
  });

  it('refuses a createdAt far ahead of the server clock (422 created_in_future)', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const response = await register(service, agencyId, await keyring.next(inAnHour)).expect(422);
    expect(response.body).toMatchObject({ reason: 'created_in_future', errors: [{ field: 'createdAt' }] });
  });

  it('refuses malformed bodies with 422 naming the field, and non-JSON with 400', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    const registration = await keyring.next();
    const { selfSignature: _omitted, ...missing } = registration;

    const absent = await register(service, agencyId, missing).expect(422);
    expect(absent.body.type).toBe('urn:ccr-exchange:problem:validation-failed');
    expect(absent.body.errors.map((e: { field: string }) => e.field)).toEqual(['selfSignature']);

    const extra = await register(service, agencyId, { ...registration, note: 'x' }).expect(422);
    expect(extra.body.errors.map((e: { field: string }) => e.field)).toEqual(['note']);

    const wrongType = await register(service, agencyId, { ...registration, epoch: '1' }).expect(422);
    expect(wrongType.body.errors.map((e: { field: string }) => e.field)).toEqual(['epoch']);

    const urlSafe = registration.signPublicKey.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const badBase64 = await register(service, agencyId, { ...registration, signPublicKey: urlSafe }).expect(422);
    expect(badBase64.body).toMatchObject({ reason: 'malformed', errors: [{ field: 'signPublicKey' }] });

    const version = await register(service, agencyId, { ...registration, v: 2 }).expect(422);
    expect(version.body).toMatchObject({ reason: 'unsupported_version', errors: [{ field: 'v' }] });

    const smallOrder = await register(service, agencyId, { ...registration, signPublicKey: toBase64(new Uint8Array(32)) }).expect(422);
    expect(smallOrder.body.reason).toBe('invalid_public_key');

    const notJson = await t.http().post(`/agencies/${agencyId}/keys`).set('Authorization', service.bearer).set('Content-Type', 'application/json').send('{"v": 1,').expect(400);
    expect(notJson.body.type).toBe('urn:ccr-exchange:problem:malformed-body');

    for (const response of [absent, extra, wrongType, badBase64, version, smallOrder]) {
      expect(JSON.stringify(response.body)).not.toContain(registration.selfSignature);
    }
    expect(await storedEpochs(agencyId)).toBe(0);
  });

  it('refuses a body naming another agency than the path (422 agency_mismatch)', async () => {
    const { agencyId, service } = await memberAgency();
    const other = new AgencyKeyring(await ccr.agency('health', 'hipaa'));
    const response = await register(service, agencyId, await other.next()).expect(422);
    expect(response.body).toMatchObject({ reason: 'agency_mismatch', errors: [{ field: 'agencyId' }] });
  });

  it("answers 404 for another agency's keys, exactly like an unknown agency, and writes nothing", async () => {
    const { service } = await memberAgency();
    const victim = await memberAgency();
    const attempt = await register(service, victim.agencyId, await victim.keyring.next()).expect(404);
    const unknownId = randomUUID();
    const unknown = await register(service, unknownId, await new AgencyKeyring(unknownId).next()).expect(404);
    const comparable = (body: Record<string, unknown>) => ({ type: body.type, title: body.title, status: body.status, detail: body.detail });
    expect(comparable(attempt.body)).toEqual(comparable(unknown.body));
    expect(await storedEpochs(victim.agencyId)).toBe(0);

    await listing(service, randomUUID()).expect(404);
    await listing(service, 'not-an-id').expect(404);
  });

  it('admits service accounts, advocates and agency workers, and refuses administrators and auditors (403)', async () => {
    const agencyId = await ccr.agency('advocacy');
    const advocate = await ccr.person(agencyId, ['advocate']);
    const worker = await ccr.person(agencyId, ['agency_worker']);
    const keyring = new AgencyKeyring(agencyId);
    await register(advocate, agencyId, await keyring.next()).expect(201);
    await register(worker, agencyId, await keyring.next()).expect(201);
    const admin = await ccr.admin();
    await register(admin, admin.agencyId, await new AgencyKeyring(admin.agencyId).next()).expect(403);
  });

  it('lists an agency that has registered nothing yet as currentEpoch null with no epochs', async () => {
    const { agencyId, service } = await memberAgency();
    const response = await listing(service, agencyId).expect(200);
    expect(response.body).toEqual({ agencyId, currentEpoch: null, epochs: [] });
  });

  it('serializes concurrent registrations of one agency: one wins, the others get 409, never a 500', async () => {
    const { agencyId, service } = await memberAgency();
    const rivals = await Promise.all(Array.from({ length: 5 }, async () => signKeyRegistration(await generateAgencyKeyEpoch(agencyId, 1))));
    const statuses = (await Promise.all(rivals.map((rival) => register(service, agencyId, rival)))).map((response) => response.status);
    expect(statuses.sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await loggedRegistrations(agencyId)).toHaveLength(1);
    expect(await storedEpochs(agencyId)).toBe(1);
  });

  it('keeps the directory and its log entry together: the logged fingerprint matches the listed keys', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    await register(service, agencyId, await keyring.next()).expect(201);
    await register(service, agencyId, await keyring.next()).expect(201);
    const listed = await listing(service, agencyId).expect(200);
    const logged = await loggedRegistrations(agencyId);
    expect(logged.map((entry) => entry.detail.fingerprint)).toEqual(listed.body.epochs.map((e: { fingerprint: string }) => e.fingerprint));
  });

  it('keeps every registered epoch: the database lets the API role only register and retire, and refuses even the owner any other change', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    await register(service, agencyId, await keyring.next()).expect(201);
    await register(service, agencyId, await keyring.next()).expect(201);
    const otherKey = Buffer.from((await generateAgencyKeyEpoch(agencyId, 3)).sign.publicKey);

    await withAdminClient(async (owner) => {
      await expect(owner.query(`DELETE FROM agency_keys WHERE agency_id = $1`, [agencyId])).rejects.toThrow(/kept forever/);
      await expect(owner.query(`UPDATE agency_keys SET sign_public_key = $2 WHERE agency_id = $1 AND epoch = 2`, [agencyId, otherKey])).rejects.toThrow(/only be retired/);
      await expect(owner.query(`UPDATE agency_keys SET retired_at = NULL WHERE agency_id = $1 AND epoch = 1`, [agencyId])).rejects.toThrow(/only be retired/);
      await expect(owner.query(`TRUNCATE agency_keys CASCADE`)).rejects.toThrow(/kept forever/);
    }, t.database.url);

    const api = await connectAsApiRole(t.database.url);
    try {
      await expect(api.query(`UPDATE agency_keys SET sign_public_key = $2 WHERE agency_id = $1`, [agencyId, otherKey])).rejects.toThrow(/permission denied/);
      await expect(api.query(`DELETE FROM agency_keys WHERE agency_id = $1`, [agencyId])).rejects.toThrow(/permission denied/);
    } finally {
      await api.end();
    }
    const listed = await listing(service, agencyId).expect(200);
    expect(listed.body.epochs.map((e: { signPublicKey: string }) => e.signPublicKey)).toEqual(keyring.epochs.map((keys) => toBase64(keys.sign.publicKey)));
  });

  it('never writes key material or signatures to the service logs', async () => {
    const { agencyId, service, keyring } = await memberAgency();
    const registration = await keyring.next();
    await register(service, agencyId, registration).expect(201);
    await register(service, agencyId, { ...registration, selfSignature: toBase64(new Uint8Array(64)) }).expect(422);
    const sodium = await getSodium();
    const logs = t.logs.join('');
    for (const value of [registration.signPublicKey, registration.boxPublicKey, registration.selfSignature, sodium.to_base64(keyring.epochs[0].sign.privateKey)]) {
      expect(logs).not.toContain(value);
    }
  });
});
