import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../../src/auth/caller-context';
import { EventsService } from '../../src/events/events.service';
import { startTestApp, type TestApp } from '../support/app';

/**
 * The change feed must never skip an event: a transaction that took a lower id but commits after
 * a reader has moved past a higher one must still be delivered after the cursor.
 */
describe('agency event feed', () => {
  let t: TestApp;
  const agencyId = randomUUID();
  const caller = { principal: { id: randomUUID(), agencyId, kind: 'service', roles: ['service'], username: 'x', tokenId: 'x' }, requestId: 'r' } as CallerContext;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function publishIn(client: Client, referralId: string): Promise<void> {
    await client.query(`SELECT ccr_publish_event($1, 'referral.received', $2, NULL, NULL, NULL)`, [agencyId, referralId]);
  }

  it('orders events by commit: a transaction that started first but commits last is still delivered after the cursor', async () => {
    const [slow, fast] = [new Client({ connectionString: t.database.url }), new Client({ connectionString: t.database.url })];
    await slow.connect();
    await fast.connect();
    try {
      const [first, second] = [randomUUID(), randomUUID()];
      const events = t.app.get(EventsService);
      await slow.query('BEGIN');
      await publishIn(slow, first);
      await fast.query('BEGIN');
      const fastPublished = publishIn(fast, second).then(() => fast.query('COMMIT'));
      const raced = await Promise.race([fastPublished.then(() => 'published'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]);
      expect(raced).toBe('waiting');
      expect((await events.feed(caller, undefined, 10)).events).toEqual([]);

      await slow.query('COMMIT');
      await fastPublished;
      const page = await events.feed(caller, undefined, 10);
      expect(page.events.map((event) => event.referralId)).toEqual([first, second]);
      const after = await events.feed(caller, page.next ?? undefined, 10);
      expect(after.events).toEqual([]);
    } finally {
      await slow.end();
      await fast.end();
    }
  });

  it('is not held back by a long transaction elsewhere on the server', async () => {
    const stranger = new Client({ connectionString: t.database.url.replace(/\/[^/]*$/, '/postgres') });
    await stranger.connect();
    try {
      await stranger.query('BEGIN');
      await stranger.query('SELECT pg_current_xact_id()');
      const id = randomUUID();
      await t.app.get(EventsService).publish(t.app.get(DataSource).manager, { agencyId, type: 'referral.received', referralId: id });
      const page = await t.app.get(EventsService).feed(caller, undefined, 100);
      expect(page.events.map((event) => event.referralId)).toContain(id);
      await stranger.query('ROLLBACK');
    } finally {
      await stranger.end();
    }
  });

  it('pages in order without repeats', async () => {
    const ids = Array.from({ length: 12 }, () => randomUUID());
    const manager = t.app.get(DataSource).manager;
    const events = t.app.get(EventsService);
    for (const referralId of ids) await events.publish(manager, { agencyId, type: 'referral.status_changed', referralId });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const result = await events.feed(caller, cursor, 3);
      seen.push(...result.events.map((event) => event.referralId as string));
      cursor = result.next ?? undefined;
      if (result.events.length === 0) break;
    }
    expect(seen.slice(-12)).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a forged cursor with 422', async () => {
    await expect(t.app.get(EventsService).feed(caller, 'bm90LWEtY3Vyc29y', 10)).rejects.toMatchObject({ status: 422 });
  });
});
