import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response } from 'express';
import { type OpenAPIV3 } from 'openapi-types';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import { type AppConfig } from '../../src/config/config.types';
import { createMigratedDatabase, type TestDatabase } from './database';
import { describeResponse, type ObservedResponse, OpenApiContract } from './openapi-contract';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: TestDatabase;
  /** Every log line the app wrote, as raw JSON text. */
  logs: string[];
  /** supertest on the app; every answer is checked against the served OpenAPI document. */
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
  ...(process.env.CCR_TEST_OPAQUE_SERVER_SETUP ? { OPAQUE_SERVER_SETUP: process.env.CCR_TEST_OPAQUE_SERVER_SETUP } : {}),
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
  const checks = new ContractChecks();
  app.use(checks.middleware());
  await app.init();
  checks.use(new OpenApiContract((await request(app.getHttpServer()).get('/docs/openapi.json').expect(200)).body as OpenAPIV3.Document));
  LIVE_CHECKS.add(checks);
  return {
    app,
    config,
    database,
    logs,
    http: () => checks.supertest(request(app.getHttpServer())),
    close: async () => {
      LIVE_CHECKS.delete(checks);
      await app.close();
      if (!options.database) await database.drop();
      checks.throwUnclaimed();
    },
  };
}

const PROBE_HEADER = 'x-contract-probe';
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options']);

/**
 * Checks every answer of one app against its served OpenAPI document, on the server side (so the
 * SDK's and the CLI's traffic to a listening app is checked too), just before the answer's last
 * bytes are sent. A supertest request made through `http()` carries a probe header and fails
 * itself on a violation; any other violation fails the test during which it happened (afterEach
 * below), or the suite's close.
 */
export class ContractChecks {
  private contract?: OpenApiContract;
  private readonly verdicts = new Map<string, string>();
  private unclaimed: string[] = [];

  use(contract: OpenApiContract): void {
    this.contract = contract;
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const chunks: Buffer[] = [];
      const collect = (chunk: unknown, encoding: unknown) => {
        if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
        else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
      };
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      res.write = ((...args: unknown[]) => {
        collect(args[0], args[1]);
        return write(...args);
      }) as Response['write'];
      res.end = ((...args: unknown[]) => {
        if (typeof args[0] !== 'function') collect(args[0], args[1]);
        const contentType = res.getHeader('content-type');
        this.judge(req.headers[PROBE_HEADER], {
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          contentType: typeof contentType === 'string' ? contentType : undefined,
          body: Buffer.concat(chunks),
        });
        return end(...args);
      }) as Response['end'];
      next();
    };
  }

  /** supertest whose every request fails on an answer the document does not describe. */
  supertest(agent: ReturnType<typeof request>): ReturnType<typeof request> {
    return new Proxy(agent, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof property !== 'string' || !HTTP_METHODS.has(property) || typeof value !== 'function') return value;
        return (url: string) => {
          const probe = randomUUID();
          return (value as (url: string) => request.Test)
            .call(target, url)
            .set(PROBE_HEADER, probe)
            .expect(() => this.claim(probe));
        };
      },
    });
  }

  throwUnclaimed(): void {
    const violations = this.unclaimed;
    this.unclaimed = [];
    if (violations.length > 0) throw new Error(`answers the OpenAPI document does not describe:\n\n${violations.join('\n\n')}`);
  }

  private judge(probe: string | string[] | undefined, observed: ObservedResponse): void {
    let problem: string | undefined;
    try {
      problem = this.contract?.violation(observed);
    } catch (error) {
      problem = `the contract check failed: ${String(error)}`;
    }
    if (problem === undefined) return;
    const message = `${problem}\n  ${describeResponse(observed)}`;
    if (typeof probe === 'string') this.verdicts.set(probe, message);
    else this.unclaimed.push(message);
  }

  private claim(probe: string): void {
    const message = this.verdicts.get(probe);
    this.verdicts.delete(probe);
    if (message !== undefined) throw new Error(`the answer does not match the served OpenAPI document: ${message}`);
  }
}

const LIVE_CHECKS = new Set<ContractChecks>();

// Traffic that did not come through http() (the SDK, the CLI) fails the test it happened in.
if (typeof afterEach === 'function') {
  afterEach(() => {
    for (const checks of LIVE_CHECKS) checks.throwUnclaimed();
  });
}
