import { type DataSourceOptions } from 'typeorm';
import { type AppConfig } from '../config/config.types';
import { API_DATABASE_ROLE } from './database-roles';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Connections that serve requests: every session runs as the unprivileged API role (set in the
 * startup packet, before any statement) with a statement timeout, so a stuck query cannot hold
 * locks that the disclosure log serializes on.
 */
export function runtimeDataSourceOptions(config: AppConfig, url: string): DataSourceOptions {
  const { poolSize, statementTimeoutMs } = config.database;
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: 'ccr-exchange',
    extra: {
      max: poolSize,
      // Statements are sent without waiting for the previous answer; transactions.ts and
      // statement.ts use it to batch round trips (the answers still come back in order).
      pipeline: true,
      // Waiting longer than this for a pooled connection fails the request instead of hanging it
      // (a transaction that asked the pool for a second connection would otherwise wait forever).
      connectionTimeoutMillis: statementTimeoutMs,
      // READ COMMITTED whatever the database's default: the disclosure log refuses other levels.
      options: [
        `-c role=${API_DATABASE_ROLE}`,
        `-c statement_timeout=${statementTimeoutMs}`,
        `-c idle_in_transaction_session_timeout=${statementTimeoutMs * 2}`,
        '-c default_transaction_isolation=read\\ committed',
        // The API's statements are short; a plan estimated above jit_above_cost would spend
        // milliseconds compiling for every request (decision 0167).
        '-c jit=off',
      ].join(' '),
    },
  };
}

/** Owner connection used only to apply migrations. */
export function migrationDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: 'ccr-exchange-migrate',
    extra: { max: 2 },
  };
}
