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

/** The whole application, on its own migrated database, through the real HTTP stack. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createMigratedDatabase());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...options.env });
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
