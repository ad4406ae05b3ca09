import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { type NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import { type AppConfig } from '../../src/config/config.types';
import { createMigratedDatabase, type TestDatabase } from './database';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: TestDatabase;
  /** Every log line the app wrote, as raw JSON text. */
  logs: string[];
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Share a database between apps (e.g. two processes of one deployment). Not dropped on close. */
  database?: TestDatabase;
}

/**
 * Signing keys for the apps of this test process, as a deployment sets them in the environment:
 * the same for every app (as for the processes of one deployment), and never written to ./.data.
 */
const TEST_KEYS = {
  JWT_SIGNING_KEYS: JSON.stringify([{ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'test' }]),
  LEDGER_SIGNING_KEY: randomBytes(32).toString('base64'),
};

export function testKeysEnv(): Record<string, string> {
  return { ...TEST_KEYS };
}

/** The whole application, on its own migrated database, through the real HTTP stack. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createMigratedDatabase());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...TEST_KEYS, ...options.env });
  const logs: string[] = [];
  const app = await createApp(config, database.url, { logDestination: { write: (line: string) => void logs.push(line) } });
  await app.init();
  return {
    app,
    config,
    database,
    logs,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}
