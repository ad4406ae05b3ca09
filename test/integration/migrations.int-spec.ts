import { DataSource } from 'typeorm';
import { migrationDataSourceOptions } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { migrateAllTheWayDown, migrateUp } from '../../src/database/migrator';
import { createEmptyDatabase, type TestDatabase, withAdminClient } from '../support/database';

async function publicTables(url: string): Promise<string[]> {
  return withAdminClient(async (client) => {
    const result = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    return result.rows.map((row) => row.tablename);
  }, url);
}

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(() => database.drop());

  it('migrate an empty database up, all the way down, and up again', async () => {
    const applied = await migrateUp(database.url);
    expect(applied).toHaveLength(MIGRATIONS.length);
    const tablesAfterUp = await publicTables(database.url);

    expect(await migrateAllTheWayDown(database.url)).toBe(MIGRATIONS.length);
    expect(await publicTables(database.url)).toEqual(['schema_migrations']);

    expect(await migrateUp(database.url)).toHaveLength(MIGRATIONS.length);
    expect(await publicTables(database.url)).toEqual(tablesAfterUp);
    expect(await migrateUp(database.url)).toEqual([]);
  });

  it('leaves no difference between the entities and the migrated schema', async () => {
    const dataSource = new DataSource(migrationDataSourceOptions(database.url));
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('serializes concurrent migration runs (several API processes starting at once)', async () => {
    const other = await createEmptyDatabase();
    try {
      const runs = await Promise.all([migrateUp(other.url), migrateUp(other.url), migrateUp(other.url)]);
      expect(runs.map((names) => names.length).sort()).toEqual([0, 0, MIGRATIONS.length]);
    } finally {
      await other.drop();
    }
  });
});
