import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../src/database/transactions';
import { EventsService } from '../../src/events/events.service';
import { CcrClient, Credentials, isNotFound } from '../../src/sdk';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import { type Actor } from '../support/ccr';
import { type ListeningApp, runCli, startListeningApp } from '../support/sdk';
import { WebhookReceiver } from '../support/webhook-receiver';

// The CLI steps spawn ccrx from source (ts-node): seconds each on a busy machine.
jest.setTimeout(300_000);

/** Webhooks through the SDK (client.webhooks) and `ccrx webhook …`, against a receiver on loopback. */
describe('SDK and ccrx: webhooks', () => {
  let app: ListeningApp;
  let receiver: WebhookReceiver;
  let worker: Actor;
  let other: Actor;

  beforeAll(async () => {
    app = await startListeningApp();
    receiver = await WebhookReceiver.start();
    worker = await app.ccr.person(await app.ccr.agency('law_enforcement', 'criminal_justice'), ['agency_worker']);
    other = await app.ccr.person(await app.ccr.agency('advocacy', 'vawa_fvpsa_voca'), ['agency_worker']);
  });
  afterAll(async () => {
    await receiver.close();
    await app.close();
  });

  const clientOf = (actor: Actor) => CcrClient.connect({ baseUrl: app.baseUrl, credentials: Credentials.password(actor.username, actor.secret) });
  const ccrx = (args: string[]) => runCli(['--user', worker.username, ...args], { CCRX_API: app.baseUrl, CCRX_PASSWORD: worker.secret });

  async function publish(agencyId: string): Promise<void> {
    await inTransaction(app.t.app.get(DataSource), (manager) => app.t.app.get(EventsService).publish(manager, { agencyId, type: 'referral.status_changed', referralId: randomUUID() }));
  }

  it('adds, lists, rotates, reads the log, replays and removes through the SDK; another agency cannot touch it', async () => {
    const [client, outsider] = await Promise.all([clientOf(worker), clientOf(other)]);
    try {
      const added = await client.webhooks.add(receiver.url, ['referral.status_changed']);
      expect(added.secret).toMatch(/^whsec_/);
      expect(await client.webhooks.list()).toEqual([{ id: added.id, url: receiver.url, eventTypes: ['referral.status_changed'], createdAt: added.createdAt, previousSecretValidUntil: null }]);
      expect(isNotFound(await outsider.webhooks.rotateSecret(added.id).catch((e: unknown) => e))).toBe(true);
      await publish(worker.agencyId);
      await app.t.app.get(WebhookDispatcher).dispatchDue(new Date());
      const [logged] = await client.webhooks.deliveries();
      expect(logged).toMatchObject({ webhookId: added.id, eventType: 'referral.status_changed', status: 'delivered', attempts: 1 });
      const rotated = await client.webhooks.rotateSecret(added.id);
      const replayed = await client.webhooks.replay(logged.eventId);
      expect(replayed).toHaveLength(1);
      await app.t.app.get(WebhookDispatcher).dispatchDue(new Date());
      const last = receiver.received.at(-1);
      const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(last?.headers[name])]));
      expect(new Webhook(rotated.secret).verify(last?.body ?? '', headers)).toMatchObject({ data: { eventId: logged.eventId } });
      expect(new Webhook(added.secret).verify(last?.body ?? '', headers)).toMatchObject({ data: { eventId: logged.eventId } });
      await expect(client.webhooks.deliveries({ status: 'delivered', limit: 1 })).resolves.toEqual([expect.objectContaining({ id: replayed[0], replay: true })]);
      await client.webhooks.remove(added.id);
      expect(await client.webhooks.list()).toEqual([]);
    } finally {
      client.close();
      outsider.close();
    }
  });

  it('ccrx webhook add | list | rotate-secret | deliveries | replay | remove', async () => {
    const added = await ccrx(['--json', 'webhook', 'add', '--url', receiver.url, '--events', 'referral.status_changed,referral.received']);
    expect(added.code).toBe(0);
    const hook = JSON.parse(added.stdout) as { id: string; secret: string; eventTypes: string[] };
    expect(hook.eventTypes).toEqual(['referral.status_changed', 'referral.received']);
    const listed = await ccrx(['webhook', 'list']);
    expect(listed.stdout).toContain(`${hook.id}  ${receiver.url}  referral.status_changed,referral.received`);
    expect(listed.stdout).not.toContain(hook.secret);
    const rotated = await ccrx(['webhook', 'rotate-secret', '--webhook', hook.id]);
    expect(rotated.stdout).toMatch(/secret: +whsec_/);
    await publish(worker.agencyId);
    await app.t.app.get(WebhookDispatcher).dispatchDue(new Date());
    const log = JSON.parse((await ccrx(['--json', 'webhook', 'deliveries', '--limit', '1'])).stdout) as { eventId: string; status: string }[];
    expect(log).toEqual([expect.objectContaining({ status: 'delivered' })]);
    const replay = await ccrx(['webhook', 'replay', '--event', log[0].eventId]);
    expect(replay.stdout).toMatch(/^Queued 1 delivery: [0-9a-f-]{36}/);
    const removed = await ccrx(['webhook', 'remove', '--webhook', hook.id]);
    expect(removed.stdout).toContain(`Removed webhook ${hook.id}.`);
  });
});
