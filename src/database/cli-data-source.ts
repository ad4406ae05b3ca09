import { DataSource } from 'typeorm';
import { migrationDataSourceOptions } from './data-source-options';

/**
 * For the TypeORM CLI only (`npm run migration:generate -- <Name>`): generate a migration from the
 * entities against an up-to-date database, then review it, add grants, and commit it.
 */
const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL (or MIGRATION_DATABASE_URL) to a migrated database to generate a migration');
export default new DataSource(migrationDataSourceOptions(url));
