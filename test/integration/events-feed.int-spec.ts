import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { type CallerContext } from '../../src/auth/caller-context';
import { inTransaction } from '../../src/database/transactions';
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

  const integrate = (client: Client) => client.query('SELECT ccr_ledger_integrate()');

  it('delivers an event that commits late after the cursor: events enter the feed when the log integrates them (decision 0037)', async () => {
    const [slow, fast] = [new Client({ connectionString: t.database.url }), new Client({ connectionString: t.database.url })];
    await slow.connect();
    await fast.connect();
    try {
      const [first, second] = [randomUUID(), randomUUID()];
      const events = t.app.get(EventsService);
      await slow.query('BEGIN');
      await publishIn(slow, first);
      // Publishing no longer waits for another act's commit: the fast one commits at once ...
      await fast.query('BEGIN');
      await publishIn(fast, second);
      await fast.query('COMMIT');
      // ... but is not in the feed before an integration sequences it.
      expect((await events.feed(caller, undefined, 10)).events).toEqual([]);
      await integrate(fast);
      const page = await events.feed(caller, undefined, 10);
      expect(page.events.map((event) => event.referralId)).toEqual([second]);

      // The slow one took a lower id and commits after the reader moved past the fast one.
      await slow.query('COMMIT');
      expect((await events.feed(caller, page.next ?? undefined, 10)).events).toEqual([]);
      await integrate(slow);
      const after = await events.feed(caller, page.next ?? undefined, 10);
      expect(after.events.map((event) => event.referralId)).toEqual([first]);
      expect(BigInt(after.events[0].position)).toBeGreaterThan(BigInt(page.events[0].position));
      expect((await events.feed(caller, after.next ?? undefined, 10)).events).toEqual([]);
    } finally {
      await slow.end();
      await fast.end();
    }
  });

  it('gives the events one integration sequences one position, never sequences an uncommitted one, and lets any session sequence them', async () => {
    const [writer, other] = [new Client({ connectionString: t.database.url }), new Client({ connectionString: t.database.url })];
    await writer.connect();
    await other.connect();
    try {
      const [a, b, pending] = [randomUUID(), randomUUID(), randomUUID()];
      await publishIn(writer, a);
      await publishIn(writer, b);
      await other.query('BEGIN');
      await publishIn(other, pending);
      await integrate(writer);
      const positions = await other.query<{ referral_id: string; position: string | null }>(
        `SELECT referral_id, position::text FROM agency_events WHERE referral_id = ANY($1::uuid[])`,
        [[a, b, pending]],
      );
      const byReferral = new Map(positions.rows.map((row) => [row.referral_id, row.position]));
      expect(byReferral.get(a)).not.toBeNull();
      expect(byReferral.get(b)).toBe(byReferral.get(a));
      expect(byReferral.get(pending)).toBeNull();
      await other.query('COMMIT');
      // Any session's integration sequences it (the publisher's process may have died since).
      await integrate(writer);
      const last = await writer.query<{ position: string }>(`SELECT position::text FROM agency_events WHERE referral_id = $1`, [pending]);
      expect(BigInt(last.rows[0].position)).toBeGreaterThan(BigInt(byReferral.get(a) as string));
    } finally {
      await writer.end();
      await other.end();
    }
  });

  it('an act that publishes an event answers only once the event is in the feed', async () => {
    const id = randomUUID();
    const dataSource = t.app.get(DataSource);
    await inTransaction(dataSource, (manager) => t.app.get(EventsService).publish(manager, { agencyId, type: 'referral.received', referralId: id }));
    const page = await t.app.get(EventsService).feed(caller, undefined, 100);
    expect(page.events.map((event) => event.referralId)).toContain(id);
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

  it('still reads a cursor in the format of earlier releases ("position:id"), which agencies may have kept', async () => {
    const events = t.app.get(EventsService);
    const first = await events.feed(caller, undefined, 2);
    expect(first.events).toHaveLength(2);
    const last = first.events[1];
    const kept = Buffer.from(`${last.position}:${last.id}`).toString('base64url');
    const fromKept = await events.feed(caller, kept, 5);
    expect(fromKept.events.length).toBeGreaterThan(0);
    expect(fromKept).toEqual(await events.feed(caller, first.next ?? undefined, 5));
    expect(Buffer.from(fromKept.next ?? '', 'base64url').toString()).toMatch(/^1\|events\|\d+\|\d+$/);
  });

  it('refuses a forged cursor with 422', async () => {
    await expect(t.app.get(EventsService).feed(caller, 'bm90LWEtY3Vyc29y', 10)).rejects.toMatchObject({ status: 422 });
  });
});
