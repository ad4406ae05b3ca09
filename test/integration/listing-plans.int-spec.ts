import { Client } from 'pg';
import { type ReferralListFilter, ReferralsRepository } from '../../src/referrals/referrals.repository';
import { createMigratedDatabase, type TestDatabase } from '../support/database';

const AGENCY = '8a3c3a8e-7c49-4b3e-9a41-3c1f2f6a0b11';

/**
 * The inbox and outbox are named statements: after a few runs PostgreSQL plans them once for all
 * parameters (a generic plan). Their WHERE clause holds only the conditions a request has
 * (decision 0169). Written as "$n IS NULL OR …", PostgreSQL 15's generic plan for a page of the
 * inbox read every referral of the agency and sorted them, on a table whose statistics were older
 * than its rows: 2.4 ms for 2,000 referrals, growing with each. A page must walk the listing's index
 * and stop after one page, whatever the statistics say.
 */
describe('the inbox and outbox plans (on PostgreSQL, generic plans)', () => {
  let database: TestDatabase;
  let client: Client;
  const repository = new ReferralsRepository();

  beforeAll(async () => {
    database = await createMigratedDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`SET plan_cache_mode = force_generic_plan`);
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  async function genericPlan(name: string, filter: ReferralListFilter): Promise<string> {
    const prepared = repository.listStatement(filter);
    await client.query(`PREPARE ${name} AS ${prepared.text}`);
    // Untyped literals take the types PostgreSQL inferred for the statement's parameters.
    const literals = prepared.values.map((value) => (typeof value === 'number' ? String(value) : `'${value instanceof Date ? value.toISOString() : String(value)}'`));
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE ${name}(${literals.join(', ')})`);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  const pages: [string, ReferralListFilter][] = [
    ['inbox, first page', { agencyId: AGENCY, box: 'in', limit: 51 }],
    ['inbox, next page', { agencyId: AGENCY, box: 'in', limit: 51, after: { time: '2026-03-01T12:00:00.123456Z', id: AGENCY } }],
    ['outbox, first page', { agencyId: AGENCY, box: 'out', limit: 51 }],
    ['outbox, next page', { agencyId: AGENCY, box: 'out', limit: 51, after: { time: '2026-03-01T12:00:00.123456Z', id: AGENCY } }],
  ];

  it.each(pages)('%s: down its index, no sort', async (name, filter) => {
    const plan = await genericPlan(name.replace(/\W+/g, '_'), filter);
    expect(plan).toMatch(filter.box === 'in' ? /Index Scan Backward using referrals_inbox on referrals/ : /Index Scan Backward using referrals_outbox on referrals/);
    expect(plan).not.toMatch(/Sort|Bitmap Heap Scan on referrals/);
  });

  it('a filter that is absent is not in the statement at all', () => {
    const first = repository.listStatement({ agencyId: AGENCY, box: 'in', limit: 51 });
    expect(first.text).not.toMatch(/IS NULL OR/);
    expect(first.values).toEqual([AGENCY, 51]);
    const filtered = repository.listStatement({ agencyId: AGENCY, box: 'in', limit: 51, status: 'accepted', since: new Date('2026-01-01T00:00:00Z') });
    expect(filtered.values).toEqual([AGENCY, 'accepted', new Date('2026-01-01T00:00:00Z'), 51]);
    expect(filtered.text).toMatch(/status = \$2/);
    expect(filtered.text).toMatch(/created_at >= \$3/);
  });
});
