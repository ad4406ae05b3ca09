import { DataSource } from 'typeorm';
import { migrationDataSourceOptions } from './data-source-options';

/** Any constant works; it only has to be the same for every process migrating this database. */
const MIGRATION_LOCK_KEY = 0x6363_7278; // "ccrx"

/**
 * Applies pending migrations, serialized across processes by a session advisory lock so that
 * several API processes starting at once against one database do not race.
 */
export async function migrateUp(url: string): Promise<string[]> {
  return withMigrationLock(url, async (dataSource) => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  });
}

/** Reverts every applied migration, newest first. Used by tests and by operators on purpose. */
export async function migrateAllTheWayDown(url: string): Promise<number> {
  return withMigrationLock(url, async (dataSource) => {
    let reverted = 0;
    while (await hasAppliedMigrations(dataSource)) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      reverted += 1;
    }
    return reverted;
  });
}

async function hasAppliedMigrations(dataSource: DataSource): Promise<boolean> {
  const executed = await dataSource.query<{ count: string }[]>(
    `SELECT count(*)::text AS count FROM ${dataSource.options.migrationsTableName ?? 'migrations'}`,
  );
  return Number(executed[0]?.count ?? 0) > 0;
}

async function withMigrationLock<T>(url: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(migrationDataSourceOptions(url));
  await dataSource.initialize();
  const lockRunner = dataSource.createQueryRunner();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work(dataSource);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
    await dataSource.destroy();
  }
}
