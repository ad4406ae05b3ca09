import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agreementTermsV1, type AgreementTermsInput } from '../../src/agreements/agreement-terms';
import { signAgreementTerms, toBase64 } from '../../src/crypto';
import { ApiProcess } from '../../src/tooling/service-process';
import { withClient } from './database';
import { BenchHttp } from './http';
import { drive, type LoadResult } from './load';
import { createReferral } from './scenarios';
import { type BenchAgency, type BenchWorld, seedReferrals } from './world';

/**
 * Issue 21's figures: webhook deliveries per second to a receiver on loopback, the outbox's added
 * latency on create referral (same run, without and with an endpoint), and one deadline sweep over
 * many open referrals. Run by `npm run bench` (bench/run.ts), never by the tests.
 */

/** A receiver that answers 204 at once and counts what it got. */
class CountingReceiver {
  received = 0;
  private readonly server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      this.received += 1;
      res.statusCode = 204;
      res.end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

export interface WebhookFigures {
  deliveries: { events: number; seconds: number; perSecond: number };
  outboxOnCreateReferral: { without: Pick<LoadResult, 'requestsPerSecond' | 'latencyMs'>; with: Pick<LoadResult, 'requestsPerSecond' | 'latencyMs'> };
  sweep: { openReferrals: number; idleSweepMs: number; dueReferrals: number; dueSweepMs: number };
}

export interface WebhookBenchOptions {
  env: Record<string, string>;
  databaseUrl: string;
  /** The measured API (production settings, scheduler off). */
  api: ApiProcess;
  world: BenchWorld;
  connections: number;
  seconds: number;
  events: number;
  openReferrals: number;
  log: (line: string) => void;
}

/**
 * A second API process on the same database does the background work: development settings (a
 * loopback receiver is allowed there, never in production) with the scheduler on. The measured API
 * keeps production settings.
 */
export async function webhookFigures(options: WebhookBenchOptions): Promise<WebhookFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccr-bench-worker-'));
  const worker = await ApiProcess.start({
    ...options.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    SCHEDULER_ENABLED: 'true',
    SCHEDULER_POLLING_SECONDS: '1',
    WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
  });
  const receiver = new CountingReceiver();
  try {
    const url = await receiver.start();
    const webhooks = `/agencies/${options.world.advocacy.id}/webhooks`;
    const without = await measureCreateReferral(options);
    // Through the worker: the measured API has production settings and refuses a loopback target.
    const workerHttp = new BenchHttp(worker.url);
    const hook = await workerHttp.json<{ id: string }>('POST', webhooks, { token: options.world.advocacy.token, body: { url, eventTypes: [] } });
    const withOutbox = await measureCreateReferral(options);
    options.log(`  create referral: ${without.requestsPerSecond} req/s without an endpoint, ${withOutbox.requestsPerSecond} with (p50 ${without.latencyMs.p50} → ${withOutbox.latencyMs.p50} ms)`);
    const deliveries = await deliveriesPerSecond(options, receiver);
    options.log(`  webhook deliveries: ${deliveries.perSecond}/s (${deliveries.events} events in ${deliveries.seconds} s)`);
    await workerHttp.json('DELETE', `${webhooks}/${hook.id}`, { token: options.world.advocacy.token, expect: 204 });
    const sweep = await sweepFigures(options);
    options.log(`  deadline sweep over ${sweep.openReferrals} open referrals: ${sweep.idleSweepMs} ms with none due, ${sweep.dueSweepMs} ms with ${sweep.dueReferrals} due`);
    return { deliveries, outboxOnCreateReferral: { without: pick(without), with: pick(withOutbox) }, sweep };
  } finally {
    await receiver.stop();
    await worker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function pick(result: LoadResult): Pick<LoadResult, 'requestsPerSecond' | 'latencyMs'> {
  return { requestsPerSecond: result.requestsPerSecond, latencyMs: result.latencyMs };
}

async function measureCreateReferral(options: WebhookBenchOptions): Promise<LoadResult> {
  const next = await createReferral(options.world).prepare(Math.max(2_000, options.seconds * 400));
  return drive(options.api.url, { connections: options.connections, seconds: options.seconds, next });
}

/** `events` events for the advocacy agency in one statement (the outbox trigger writes a row each); the time until the receiver has them all. */
async function deliveriesPerSecond(options: WebhookBenchOptions, receiver: CountingReceiver): Promise<WebhookFigures['deliveries']> {
  const pending = await withClient(options.databaseUrl, async (client) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'`)).rows[0].n));
  await waitFor(() => receiver.received >= pending, 600_000); // what the referral runs queued
  const before = receiver.received;
  const events = Array.from({ length: options.events }, () => ({ agency: options.world.advocacy.id, type: 'referral.status_changed', referral: null, consent: null, record: null, case: null }));
  const started = Date.now();
  await withClient(options.databaseUrl, (client) => client.query(`SELECT ccr_publish_events($1::jsonb)`, [JSON.stringify(events)]));
  await waitFor(() => receiver.received - before >= options.events, 600_000);
  const seconds = (Date.now() - started) / 1000;
  return { events: options.events, seconds: round(seconds), perSecond: round(options.events / seconds) };
}

/**
 * An agreement police → advocacy for routine referrals, referrals made under it through the API,
 * then cloned in SQL up to `openReferrals` (with their deadlines). One sweep job with nothing due,
 * then one with 1% due (each escalated: log entries and events), timed by pg-boss's own start and
 * completion times in the worker process.
 */
async function sweepFigures(options: WebhookBenchOptions): Promise<WebhookFigures['sweep']> {
  await signAgreement(options.world);
  const made = await seedReferrals(options.world, 50);
  await withClient(options.databaseUrl, async (client) => {
    const columns = (await client.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'referrals' AND table_schema = 'public' ORDER BY ordinal_position`)).rows.map((row) => row.column_name);
    const values = columns.map((name) => (name === 'id' ? 'c.new_id' : name === 'idempotency_key' ? `'bench-' || c.new_id` : `r.${name}`));
    const copies = Math.ceil(options.openReferrals / made.length) - 1;
    await client.query(`CREATE TEMP TABLE clones AS SELECT r.id AS old_id, gen_random_uuid() AS new_id FROM referrals r, generate_series(1, $2) WHERE r.id = ANY($1::uuid[])`, [made, copies]);
    await client.query(`INSERT INTO referrals (${columns.join(', ')}) SELECT ${values.join(', ')} FROM clones c JOIN referrals r ON r.id = c.old_id`);
    const deadlineColumns = (await client.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'referral_deadlines' AND table_schema = 'public' ORDER BY ordinal_position`)).rows.map((row) => row.column_name);
    const deadlineValues = deadlineColumns.map((name) => (name === 'referral_id' ? 'c.new_id' : `d.${name}`));
    await client.query(`INSERT INTO referral_deadlines (${deadlineColumns.join(', ')}) SELECT ${deadlineValues.join(', ')} FROM clones c JOIN referral_deadlines d ON d.referral_id = c.old_id`);
    await client.query('ANALYZE referrals, referral_deadlines');
  });
  const openReferrals = await withClient(options.databaseUrl, async (client) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM referrals WHERE status = 'requested'`)).rows[0].n));
  const idleSweepMs = await timedSweep(options.databaseUrl);
  const dueReferrals = Math.floor(openReferrals / 100);
  await withClient(options.databaseUrl, (client) =>
    client.query(`UPDATE referral_deadlines SET respond_by = now() - interval '1 minute' WHERE step = 'received' AND referral_id IN (SELECT id FROM referrals WHERE status = 'requested' LIMIT $1)`, [dueReferrals]),
  );
  const dueSweepMs = await timedSweep(options.databaseUrl);
  return { openReferrals, idleSweepMs, dueReferrals, dueSweepMs };
}

async function signAgreement(world: BenchWorld): Promise<void> {
  const terms: AgreementTermsInput = {
    parties: [world.police.id, world.advocacy.id],
    calendar: { timeZone: 'America/Chicago', days: [1, 2, 3, 4, 5], opens: '08:00', closes: '17:00', holidays: [] },
    handoffs: [
      {
        from: { agencyId: world.police.id, agencyKind: null },
        to: { agencyId: world.advocacy.id, agencyKind: null },
        purpose: 'advocacy_services',
        priority: 'routine',
        steps: [
          { step: 'received', withinMinutes: 480 },
          { step: 'first_contact', withinMinutes: 1440 },
        ],
        escalateTo: { agencyId: world.advocacy.id, role: 'duty_supervisor' },
      },
    ],
  };
  const agreementId = randomUUID();
  const signature = async (agency: BenchAgency) => ({ signerEpoch: agency.keys.epoch, signature: toBase64(await signAgreementTerms(agreementId, 1, agreementTermsV1(terms), agency.keys.sign.privateKey)) });
  await world.http.json('POST', '/agreements', { token: world.police.token, body: { agreementId, terms, ...(await signature(world.police)) } });
  await world.http.json('POST', `/agreements/${agreementId}/versions/1/signatures`, { token: world.advocacy.token, body: await signature(world.advocacy) });
}

/** Queues one sweep job (as the cron does) and answers how long the worker took to run it. */
async function timedSweep(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(`INSERT INTO pgboss.job (name, singleton_key, policy) VALUES ('ccr-deadline-sweep', 'sweep', 'singleton') RETURNING id`);
    let ms: number | null = null;
    await waitFor(async () => {
      const job = await client.query<{ ms: string | null }>(`SELECT extract(epoch FROM completed_on - started_on) * 1000 AS ms FROM pgboss.job WHERE id = $1 AND state = 'completed'`, [rows[0].id]);
      ms = job.rows[0]?.ms ? Math.round(Number(job.rows[0].ms)) : null;
      return ms !== null;
    }, 3_600_000);
    return ms ?? NaN;
  });
}

async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('the benchmark timed out waiting for background work');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
