import { Client } from 'pg';
import { exactTime, ListingConditions, type ListingOrder, orderBy } from '../../src/database/keyset';
import { cursorCodec } from '../../src/platform/paging/cursor';
import { createEmptyDatabase, type TestDatabase } from '../support/database';

/**
 * The two halves every time-ordered listing shares — the SQL (exactTime, pastPosition, orderBy)
 * and the cursor — paged through rows that share a microsecond or a millisecond, in both orders
 * and at every small page size: every row exactly once, in order.
 */
describe('keyset paging on (created_at, id)', () => {
  const codec = cursorCodec('scratch', { time: 'time', id: 'uuid' });
  const orders: ListingOrder[] = ['newest_first', 'oldest_first'];
  let database: TestDatabase;
  let client: Client;
  let expected: Record<ListingOrder, string[]>;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`CREATE TABLE scratch (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), created_at timestamptz NOT NULL)`);
    // 40 rows in one microsecond, 40 more each in its own microsecond of that same millisecond,
    // and one row on either side of it.
    await client.query(`
      INSERT INTO scratch (created_at)
      SELECT '2026-03-01T12:00:00.123456Z'::timestamptz FROM generate_series(1, 40)
      UNION ALL SELECT '2026-03-01T12:00:00.123000Z'::timestamptz + make_interval(secs => n / 1e6) FROM generate_series(0, 999, 25) AS n
      UNION ALL SELECT '2026-03-01T12:00:00.122999Z' UNION ALL SELECT '2026-03-01T12:00:00.124000Z'`);
    expected = {
      newest_first: (await client.query<{ id: string }>(`SELECT id FROM scratch ORDER BY created_at DESC, id DESC`)).rows.map((row) => row.id),
      oldest_first: (await client.query<{ id: string }>(`SELECT id FROM scratch ORDER BY created_at, id`)).rows.map((row) => row.id),
    };
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  async function page(order: ListingOrder, cursor: string | null, limit: number): Promise<{ ids: string[]; next: string | null }> {
    const after = cursor === null ? null : codec.decode(cursor);
    const conditions = new ListingConditions().pastPosition('created_at', 'id', order, after);
    const { rows } = await client.query<{ id: string; position: string }>(
      `SELECT id, ${exactTime('created_at')} AS position FROM scratch ${conditions.toSql()} ${orderBy('created_at', 'id', order)} LIMIT ${conditions.param(limit + 1)}`,
      conditions.values,
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { ids: items.map((row) => row.id), next: rows.length > limit && last ? codec.encode({ time: last.position, id: last.id }) : null };
  }

  it('has the rows the test is about', () => {
    expect(expected.newest_first).toHaveLength(82);
    expect(expected.oldest_first).toEqual([...expected.newest_first].reverse());
  });

  it.each(orders.flatMap((order) => [1, 2, 3, 7, 40, 81].map((limit) => [order, limit] as const)))('%s, %i a page: every row exactly once, in order', async (order, limit) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages <= 82; pages += 1) {
      const result = await page(order, cursor, limit);
      seen.push(...result.ids);
      cursor = result.next;
      if (cursor === null) break;
    }
    expect(cursor).toBeNull();
    expect(seen).toEqual(expected[order]);
  });

  it('a cursor carried in milliseconds, as before, loses the rows of the last row\'s millisecond', async () => {
    const first = await page('newest_first', null, 2);
    const { time, id } = codec.decode(first.next as string);
    const truncated = `${time.slice(0, 23)}000Z`;
    const rest = await page('newest_first', codec.encode({ time: truncated, id }), 100);
    expect(first.ids.length + rest.ids.length).toBeLessThan(expected.newest_first.length);
  });
});
