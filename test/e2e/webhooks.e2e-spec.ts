import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../src/database/transactions';
import { type EventType } from '../../src/events/event.vocabulary';
import { EventsService } from '../../src/events/events.service';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { createMigratedDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { WebhookReceiver } from '../support/webhook-receiver';

/** Short enough that a test sees a timeout, retries and the end of the window without waiting for them: dispatches take `now`. */
const ENV = { WEBHOOK_TIMEOUT_MS: '400', WEBHOOK_RETRY_BASE_MS: '1000', WEBHOOK_RETRY_MAX_MS: '60000', WEBHOOK_RETRY_WINDOW_SECONDS: '3600' };

interface Registered {
  id: string;
  secret: string;
}

/** Webhooks (issue 21, decisions 0119–0121) against a receiver on loopback, through the real HTTP stack and database. */
describe('webhooks (issue 21): push delivery to agency systems', () => {
  let t: TestApp;
  let owner: Client;
  let receiver: WebhookReceiver;
  let police: Actor;
  let advocacy: Actor;

  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    receiver = await WebhookReceiver.start();
    const ccr = new TestCcr(t);
    police = await ccr.service(await ccr.agency('law_enforcement', 'criminal_justice'));
    advocacy = await ccr.service(await ccr.agency('advocacy', 'vawa_fvpsa_voca'));
  });
  afterAll(async () => {
    await receiver.close();
    await owner.end();
    await t.close();
  });

  const hooks = (actor: Actor) => `/agencies/${actor.agencyId}/webhooks`;
  const as = (actor: Actor) => ({
    post: (path: string, body: object) => t.http().post(path).set('Authorization', actor.bearer).send(body),
    get: (path: string) => t.http().get(path).set('Authorization', actor.bearer),
    delete: (path: string) => t.http().delete(path).set('Authorization', actor.bearer),
  });
  const dispatch = (now: Date) => t.app.get(WebhookDispatcher).dispatchDue(now);

  async function register(actor: Actor, eventTypes: EventType[] = [], url = receiver.url): Promise<Registered> {
    const { body } = await as(actor).post(hooks(actor), { url, eventTypes }).expect(201);
    return body as Registered;
  }

  /** An event as the service publishes one: in a transaction of the service, through EventsService. */
  async function publish(agencyId: string, type: EventType = 'referral.received'): Promise<{ eventId: string; referralId: string }> {
    const referralId = randomUUID();
    await inTransaction(t.app.get(DataSource), (manager) => t.app.get(EventsService).publish(manager, { agencyId, type, referralId }));
    const { rows } = await owner.query<{ id: string }>('SELECT id::text AS id FROM agency_events WHERE referral_id = $1', [referralId]);
    return { eventId: rows[0].id, referralId };
  }

  async function delivery(eventId: string): Promise<{ id: string; status: string; attempts: number; next_attempt_at: Date; last_error: string | null; created_at: Date }> {
    const { rows } = await owner.query('SELECT id, status, attempts, next_attempt_at, last_error, created_at FROM webhook_deliveries WHERE event_id = $1 AND NOT replay', [eventId]);
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  async function removeAll(actor: Actor): Promise<void> {
    const { body } = await as(actor).get(hooks(actor)).expect(200);
    for (const each of body as { id: string }[]) await as(actor).delete(`${hooks(actor)}/${each.id}`).expect(204);
  }

  it('registers an endpoint: the secret is shown once and never listed; another agency answers 404', async () => {
    const registered = await register(police, ['referral.status_changed']);
    expect(registered.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { body: listed } = await as(police).get(hooks(police)).expect(200);
    expect(listed).toEqual([{ id: registered.id, url: receiver.url, eventTypes: ['referral.status_changed'], createdAt: expect.any(String), previousSecretValidUntil: null }]);
    expect(JSON.stringify(listed)).not.toContain(registered.secret);
    await as(advocacy).get(hooks(police)).expect(404);
    await as(advocacy).delete(`${hooks(advocacy)}/${registered.id}`).expect(404);
    await as(advocacy).post(`${hooks(advocacy)}/${registered.id}/secret`, {}).expect(404);
    await removeAll(police);
  });

  it('refuses plain http off the allow-list, credentials in the URL, and unknown event types (422)', async () => {
    const refused = async (body: object) => (await as(police).post(hooks(police), body).expect(422)).body as { errors: { field: string }[] };
    expect((await refused({ url: 'http://partner.example.org/hooks', eventTypes: [] })).errors[0].field).toBe('url');
    expect((await refused({ url: 'https://user:pw@partner.example.org/hooks', eventTypes: [] })).errors[0].field).toBe('url');
    expect((await refused({ url: 'not a url', eventTypes: [] })).errors[0].field).toBe('url');
    await refused({ url: receiver.url, eventTypes: ['referral.exploded'] });
    expect((await as(police).get(hooks(police)).expect(200)).body).toEqual([]);
  });

  it('delivers the event types asked for, ids only, signed so that the library\'s Webhook.verify accepts it', async () => {
    const { secret } = await register(advocacy, ['referral.received']);
    const before = receiver.received.length;
    const sent = await publish(advocacy.agencyId, 'referral.received');
    const filtered = await publish(advocacy.agencyId, 'note.shared');
    expect((await owner.query('SELECT 1 FROM webhook_deliveries WHERE event_id = $1', [filtered.eventId])).rowCount).toBe(0);
    expect(await dispatch(new Date())).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    const headers = { 'webhook-id': String(got[0].headers['webhook-id']), 'webhook-timestamp': String(got[0].headers['webhook-timestamp']), 'webhook-signature': String(got[0].headers['webhook-signature']) };
    expect(new Webhook(secret).verify(got[0].body, headers)).toEqual({ type: 'referral.received', timestamp: expect.any(String), data: { eventId: sent.eventId, referralId: sent.referralId } });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(got[0].body, headers)).toThrow();
    expect(headers['webhook-id']).toBe((await delivery(sent.eventId)).id);
    expect((await delivery(sent.eventId)).status).toBe('delivered');
    await removeAll(advocacy);
  });

  it('retries after a 500, a timeout and a redirect (not followed), backing off, then delivers', async () => {
    await register(advocacy);
    receiver.answer(500, 'hang', 302);
    const before = receiver.received.length;
    const { eventId } = await publish(advocacy.agencyId);
    const start = new Date();
    expect(await dispatch(start)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    const first = await delivery(eventId);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_error: 'answered 500' });
    const firstWait = first.next_attempt_at.getTime() - start.getTime();
    expect(firstWait).toBeGreaterThanOrEqual(500); // base 1 s, jitter 50–100 %
    expect(firstWait).toBeLessThanOrEqual(1000);
    expect(await dispatch(start)).toEqual({ delivered: 0, retrying: 0, dead: 0 }); // not due yet
    const second = new Date(first.next_attempt_at.getTime() + 1);
    expect(await dispatch(second)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    const afterTimeout = await delivery(eventId);
    expect(afterTimeout).toMatchObject({ attempts: 2, last_error: 'timed out' });
    expect(afterTimeout.next_attempt_at.getTime() - second.getTime()).toBeGreaterThanOrEqual(1000); // the step doubled
    const third = new Date(afterTimeout.next_attempt_at.getTime() + 1);
    expect(await dispatch(third)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    expect(await delivery(eventId)).toMatchObject({ attempts: 3, last_error: 'redirect not followed' });
    expect(await dispatch(new Date(third.getTime() + 10_000))).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    expect(receiver.received.slice(before).map((each) => each.headers['webhook-id'])).toEqual(Array(4).fill((await delivery(eventId)).id));
    const { body: log } = await as(advocacy).get(`/agencies/${advocacy.agencyId}/webhook-deliveries`).expect(200);
    expect(log[0]).toMatchObject({ eventId, status: 'delivered', attempts: 4, lastStatusCode: 200, lastError: null, replay: false });
    await removeAll(advocacy);
  });

  it('dead-letters a delivery whose next try would fall outside the retry window', async () => {
    await register(advocacy);
    receiver.answer(500, 500);
    const { eventId } = await publish(advocacy.agencyId);
    expect(await dispatch(new Date())).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    const created = (await delivery(eventId)).created_at;
    expect(await dispatch(new Date(created.getTime() + 3_600_000 - 100))).toEqual({ delivered: 0, retrying: 0, dead: 1 });
    expect(await delivery(eventId)).toMatchObject({ status: 'dead', attempts: 2 });
    expect(await dispatch(new Date(created.getTime() + 10 * 3_600_000))).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    const { body: dead } = await as(advocacy).get(`/agencies/${advocacy.agencyId}/webhook-deliveries?status=dead`).expect(200);
    expect(dead.map((each: { eventId: string }) => each.eventId)).toContain(eventId);
    await removeAll(advocacy);
  });

  it('replays an event by id as a new delivery; another agency\'s event answers 404', async () => {
    const { secret } = await register(advocacy);
    const { eventId } = await publish(advocacy.agencyId);
    await dispatch(new Date());
    const before = receiver.received.length;
    const { body } = await as(advocacy).post(`/agencies/${advocacy.agencyId}/webhook-deliveries`, { eventId }).expect(202);
    expect(body.deliveryIds).toHaveLength(1);
    expect(await dispatch(new Date())).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    const replayed = receiver.received.slice(before);
    expect(replayed.map((each) => each.headers['webhook-id'])).toEqual(body.deliveryIds);
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(replayed[0].headers[name])]));
    expect(new Webhook(secret).verify(replayed[0].body, headers)).toMatchObject({ data: { eventId } });
    await as(police).post(`/agencies/${police.agencyId}/webhook-deliveries`, { eventId }).expect(404);
    await as(police).post(`/agencies/${police.agencyId}/webhook-deliveries`, { eventId: 'abc' }).expect(422);
    await removeAll(advocacy);
    await as(advocacy).post(`/agencies/${advocacy.agencyId}/webhook-deliveries`, { eventId }).expect(422); // no endpoint takes it now
  });

  it('rotates the secret: through the overlap both the old and the new secret verify', async () => {
    const { id, secret: old } = await register(advocacy);
    const { body: rotated } = await as(advocacy).post(`${hooks(advocacy)}/${id}/secret`, {}).expect(201);
    expect(rotated.secret).not.toBe(old);
    expect(new Date(rotated.previousSecretValidUntil).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const before = receiver.received.length;
    await publish(advocacy.agencyId);
    await dispatch(new Date());
    const [got] = receiver.received.slice(before);
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(got.headers[name])]));
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(rotated.secret).verify(got.body, headers)).toMatchObject({ type: 'referral.received' });
    expect(new Webhook(old).verify(got.body, headers)).toMatchObject({ type: 'referral.received' });
    // After the overlap only the new secret signs.
    const later = receiver.received.length;
    await publish(advocacy.agencyId);
    await dispatch(new Date(Date.now() + 25 * 3_600_000));
    const [after] = receiver.received.slice(later);
    const afterHeaders = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(after.headers[name])]));
    expect(() => new Webhook(old).verify(after.body, afterHeaders)).toThrow();
    expect(new Webhook(rotated.secret).verify(after.body, afterHeaders)).toMatchObject({ type: 'referral.received' });
    await removeAll(advocacy);
  });

  it('removing an endpoint cancels what was pending for it; the delivery log is per agency', async () => {
    const { id } = await register(advocacy);
    const { eventId } = await publish(advocacy.agencyId);
    await as(advocacy).delete(`${hooks(advocacy)}/${id}`).expect(204);
    expect(await delivery(eventId)).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect(await dispatch(new Date())).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    await as(advocacy).delete(`${hooks(advocacy)}/${id}`).expect(404);
    const { body: theirs } = await as(police).get(`/agencies/${police.agencyId}/webhook-deliveries`).expect(200);
    expect(theirs).toEqual([]);
    await as(police).get(`/agencies/${advocacy.agencyId}/webhook-deliveries`).expect(404);
  });
});

/** The outbox row is written with the event: a process that stops before delivering loses nothing. */
describe('webhooks (issue 21): the outbox survives a stop between commit and delivery', () => {
  it('an event committed by a process that then stops is delivered by the next one', async () => {
    const receiver = await WebhookReceiver.start();
    const database = await createMigratedDatabase();
    const first = await startTestApp({ database, env: ENV }); // the scheduler is off: nothing delivers here
    let second: TestApp | undefined;
    const owner = new Client({ connectionString: database.url });
    await owner.connect();
    try {
      const ccr = new TestCcr(first);
      const advocacy = await ccr.service(await ccr.agency('advocacy', 'vawa_fvpsa_voca'));
      await first.http().post(`/agencies/${advocacy.agencyId}/webhooks`).set('Authorization', advocacy.bearer).send({ url: receiver.url, eventTypes: [] }).expect(201);
      const referralId = randomUUID();
      await inTransaction(first.app.get(DataSource), (manager) => first.app.get(EventsService).publish(manager, { agencyId: advocacy.agencyId, type: 'referral.received', referralId }));
      await first.close();
      const pending = await owner.query(`SELECT d.status FROM webhook_deliveries d JOIN agency_events e ON e.id = d.event_id WHERE e.referral_id = $1`, [referralId]);
      expect(pending.rows).toEqual([{ status: 'pending' }]);
      expect(receiver.received).toHaveLength(0);
      second = await startTestApp({ database, env: { ...ENV, SCHEDULER_ENABLED: 'true', SCHEDULER_POLLING_SECONDS: '1' } });
      await eventually('the receiver got the event', () => Promise.resolve(receiver.received.length > 0));
      expect(JSON.parse(receiver.received[0].body)).toMatchObject({ type: 'referral.received', data: { referralId } });
      await eventually('the delivery is logged as delivered', async () => {
        const { rows } = await owner.query(`SELECT d.status FROM webhook_deliveries d JOIN agency_events e ON e.id = d.event_id WHERE e.referral_id = $1`, [referralId]);
        return rows[0].status === 'delivered';
      });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await owner.end();
      await second?.close();
      await database.drop();
      await receiver.close();
    }
  });
});

/** In production, targets on the service's own network are refused at registration and at delivery (SSRF). */
describe('webhooks (issue 21): SSRF targets refused in production mode', () => {
  let t: TestApp;
  let owner: Client;
  let receiver: WebhookReceiver;
  let agency: Actor;

  beforeAll(async () => {
    t = await startTestApp({ env: { ...ENV, NODE_ENV: 'production', PUBLIC_URL: 'https://ccr.example.org' } });
    owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    receiver = await WebhookReceiver.start();
    const ccr = new TestCcr(t);
    agency = await ccr.service(await ccr.agency('advocacy', 'vawa_fvpsa_voca'));
  });
  afterAll(async () => {
    await receiver.close();
    await owner.end();
    await t.close();
  });

  it.each([
    'https://127.0.0.1/hooks',
    'https://localhost/hooks',
    'https://10.1.2.3/hooks',
    'https://172.16.0.1/hooks',
    'https://192.168.1.10/hooks',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/hooks',
    'https://0.0.0.0/hooks',
    'https://[::1]/hooks',
    'https://[fe80::1]/hooks',
    'https://[fd00::1]/hooks',
    'https://[::ffff:127.0.0.1]/hooks',
    'https://[::ffff:a9fe:a9fe]/hooks',
    'http://203.0.114.1/hooks',
  ])('refuses %s at registration (422)', async (url) => {
    const { body } = await t.http().post(`/agencies/${agency.agencyId}/webhooks`).set('Authorization', agency.bearer).send({ url, eventTypes: [] }).expect(422);
    expect(body.errors[0].field).toBe('url');
  });

  it('refuses at delivery a target that resolves to loopback now (DNS rebinding): nothing is sent', async () => {
    // As if the name had resolved to a public address when it was registered.
    const endpoint = randomUUID();
    await owner.query(`INSERT INTO webhook_endpoints (id, agency_id, url, event_types, secret) VALUES ($1, $2, $3, '{}', $4)`, [
      endpoint,
      agency.agencyId,
      receiver.url.replace('http://127.0.0.1', 'https://localhost'),
      `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
    ]);
    await inTransaction(t.app.get(DataSource), (manager) => t.app.get(EventsService).publish(manager, { agencyId: agency.agencyId, type: 'referral.received', referralId: randomUUID() }));
    expect(await t.app.get(WebhookDispatcher).dispatchDue(new Date())).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    const { rows } = await owner.query('SELECT last_error FROM webhook_deliveries WHERE endpoint_id = $1', [endpoint]);
    expect(rows).toEqual([{ last_error: 'target refused: url must not resolve to a loopback, private or link-local address' }]);
    expect(receiver.received).toHaveLength(0);
  });
});
