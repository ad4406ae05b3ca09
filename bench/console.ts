import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Browser, chromium, type Page } from '@playwright/test';
import { HttpLedgerClient, parseTrustPolicy, verifyLog } from '../src/ledger/verifier';
import { CcrClient, Credentials } from '../src/sdk';
import { ApiProcess, REPO_ROOT } from '../src/tooling/service-process';
import { totpCode } from '../test/browser/support/person';
import { clickAndTime, freshStep, loadMarks, markLoad } from './lib/console-page';
import { type ConsoleReport, type LoadedAsset, loadTotals, servedSize, sizeAsset, timing, verifyFigure, writeConsoleReport } from './lib/console-report';
import { type ConsoleAdvocate, type ConsoleWorld, seedConsoleWorld } from './lib/console-world';
import { createBenchDatabase } from './lib/database';
import { machine } from './lib/report';
import { seedScale } from './lib/scale';
import { benchServiceEnv } from './lib/world';

/**
 * Issue 20's console figures (decision 0158), in Debian's Chromium against the built service on
 * loopback at http://localhost (a secure context), on a fresh database:
 * - the first load: every file the console fetches before it is interactive, raw, as served and gzipped;
 * - time to interactive: navigation start → the sign-in form's button enabled (and the key worker ready);
 * - the unlock: password (OPAQUE) → code (TOTP) → the agency's keys opened in the key worker;
 * - opening a sealed note once unlocked;
 * - verifying `--entries` log entries in the console's verify worker, next to the same verifier in Node.
 *
 *   DATABASE_URL=… npm run bench:console -- [--repetitions 5] [--entries 100000] [--notes 4]
 */

function option(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UNLOCK_BUTTON = 'Unlock my agency’s keys';
const KEYS_OPEN = 'Your agency’s keys are unlocked on this page.';
const say = (line: string) => process.stdout.write(`${line}\n`);
const load = () => loadavg().map((value) => Math.round(value * 100) / 100);

/** Cold first loads, each in a new browser context (no cache, no cookie); the first one's files are sized. */
async function firstLoads(browser: Browser, url: string, repetitions: number): Promise<{ assets: LoadedAsset[]; form: number[]; worker: number[]; dcl: number[] }> {
  const samples = { form: [] as number[], worker: [] as number[], dcl: [] as number[] };
  let assets: LoadedAsset[] = [];
  for (let run = 0; run < repetitions; run += 1) {
    const context = await browser.newContext({ locale: 'en-GB' });
    await markLoad(context);
    const seen: Promise<LoadedAsset>[] = [];
    if (run === 0) {
      context.on('requestfinished', (request) => {
        const path = new URL(request.url()).pathname;
        if (!request.url().startsWith(url) || (path !== '/' && !path.startsWith('/assets/'))) return;
        // The served bytes are asked for again from Node: Chromium reports no size for a worker's own script.
        const file = join(REPO_ROOT, 'dist/console', path === '/' ? 'index.html' : path);
        if (existsSync(file)) seen.push(servedSize(request.url()).then((served) => sizeAsset(path, request.resourceType(), readFileSync(file), served)));
      });
    }
    const page = await context.newPage();
    await page.goto(`${url}/`);
    const marks = await loadMarks(page);
    samples.form.push(marks.form);
    samples.worker.push(marks.worker);
    samples.dcl.push(marks.domContentLoaded);
    if (run === 0) assets = (await Promise.all(seen)).sort((a, b) => a.path.localeCompare(b.path));
    await context.close();
  }
  return { assets, ...samples };
}

/** One person's unlock in a new context, then every sealed note of the case opened in turn. */
async function unlockAndOpen(browser: Browser, world: ConsoleWorld, advocate: ConsoleAdvocate): Promise<{ password: number; secondFactor: number; agencyKeys: number; notes: number[] }> {
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.goto(`${world.url}/`);
    await page.locator('html[data-key-worker="ready"]').waitFor({ state: 'attached' });
    await page.getByLabel('Username').fill(advocate.username);
    await page.getByLabel('Password').fill(advocate.password);
    const password = await clickAndTime(page.getByRole('button', { name: 'Continue' }), { selector: '#code' });
    await page.getByLabel('Code from your authenticator app').fill(totpCode(advocate.totpSecret, freshStep(advocate.usedStep)));
    const secondFactor = await clickAndTime(page.getByRole('button', { name: 'Verify' }), { texts: [UNLOCK_BUTTON] });
    const agencyKeys = await clickAndTime(page.getByRole('button', { name: UNLOCK_BUTTON }), { texts: [KEYS_OPEN] });
    await page.getByRole('navigation', { name: 'Advocate screens' }).getByRole('button', { name: 'Cases' }).click();
    await page.getByRole('button', { name: 'Timeline' }).first().click();
    const open = page.getByRole('button', { name: /^Open the Safety plan note written/ });
    await open.first().waitFor();
    const notes: number[] = [];
    for (const [index, words] of world.noteWords.entries()) notes.push(await clickAndTime(open.nth(index), { texts: [words] }));
    return { password, secondFactor, agencyKeys, notes };
  } finally {
    await context.close();
  }
}

const VERIFY_ENDS = ['The log verified:', 'The log did NOT verify', 'Verification could not run'];

/** The auditor signs in once (in its own context); each run remounts the verify screen and verifies the whole log in the worker. */
async function verifyScreen(browser: Browser, world: ConsoleWorld): Promise<{ run(): Promise<{ ms: number; entries: number; checkpoints: number }>; close(): Promise<void> }> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${world.url}/`);
  await page.locator('html[data-key-worker="ready"]').waitFor({ state: 'attached' });
  await page.getByLabel('Username').fill(world.auditor.username);
  await page.getByLabel('Password').fill(world.auditor.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code from your authenticator app').fill(totpCode(world.auditor.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  const nav = page.getByRole('navigation', { name: 'Auditor screens' });
  return {
    run: async () => {
      await nav.getByRole('button', { name: 'Checkpoints' }).click();
      await nav.getByRole('button', { name: 'Verify the log' }).click();
      const ms = await clickAndTime(page.getByRole('button', { name: 'Start verifying' }), { texts: VERIFY_ENDS });
      return { ms, ...(await verifiedCounts(page)) };
    },
    close: () => context.close(),
  };
}

async function verifiedCounts(page: Page): Promise<{ entries: number; checkpoints: number }> {
  const status = (await page.getByRole('status').filter({ hasText: 'The log' }).first().textContent()) ?? '';
  const found = /^The log verified: ([\d,. ]+) entries, ([\d,. ]+) checkpoints/.exec(status.trim());
  if (!found) throw new Error(`the console did not verify the log: ${status}`);
  const number = (text: string) => Number(text.replace(/\D/g, ''));
  return { entries: number(found[1]), checkpoints: number(found[2]) };
}

/** The same verifier (src/ledger/verifier) in Node, over the same HTTP API, against the key the server serves (as the console without a policy). */
async function verifyInNode(world: ConsoleWorld): Promise<{ ms: number; entries: number; checkpoints: number }> {
  const client = await CcrClient.connect({ baseUrl: world.url, credentials: Credentials.password(world.nodeAuditor.username, world.nodeAuditor.password) });
  const ledger = new HttpLedgerClient(client.http);
  const keys = await ledger.logKeys();
  const policy = await parseTrustPolicy(JSON.stringify({ log: keys.keys[0]?.verifierKey ?? '', witnesses: [], quorum: 0 }));
  const started = performance.now();
  const report = await verifyLog(ledger, policy);
  const ms = performance.now() - started;
  if (!report.ok) throw new Error(`Node did not verify the log: ${report.failures.map((failure) => failure.message).join('; ')}`);
  return { ms, entries: report.entriesChecked, checkpoints: report.checkpointsChecked };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const repetitions = Number(option(argv, '--repetitions') ?? 5);
  const entries = Number(option(argv, '--entries') ?? 100_000);
  const notes = Number(option(argv, '--notes') ?? 4);
  const verifyRuns = Number(option(argv, '--verify-repetitions') ?? Math.min(3, repetitions));
  const before = load();
  const database = await createBenchDatabase();
  const env = await benchServiceEnv(database.url);
  // localhost, not 127.0.0.1: a secure context (Web Crypto in the workers) needs it; the session's origin check needs PUBLIC_URL to name it.
  const api = await ApiProcess.start((port) => ({ ...env, PUBLIC_URL: `http://localhost:${port}` }));
  let browser: Browser | undefined;
  try {
    const url = `http://localhost:${api.port}`;
    say(`service at ${url}; seeding ${repetitions} advocates and ${notes} notes`);
    const world = await seedConsoleWorld(url, database.url, { advocates: repetitions, notes });
    browser = await chromium.launch({ executablePath: CHROMIUM });
    const browserName = `Chromium ${browser.version()}`;

    const loads = await firstLoads(browser, url, repetitions);
    say(`first load: ${JSON.stringify(loadTotals(loads.assets))}; sign-in form ${JSON.stringify(timing(loads.form))}`);
    const unlocks = [];
    for (const advocate of world.advocates) {
      unlocks.push(await unlockAndOpen(browser, world, advocate));
      say(`unlock: ${JSON.stringify(unlocks.at(-1))}`);
    }

    say(`seeding ${entries} log entries`);
    await seedScale(database.url, { consents: Math.ceil(entries / 10), entries, custodianAgencyId: world.agencyId, recipientAgencyIds: [world.coordinatingBodyId] }, say);
    await world.admin.post('/ledger/checkpoints', {});
    // Node and the browser alternate, so that the machine's drifting load falls on both alike.
    const node: { ms: number; entries: number; checkpoints: number }[] = [];
    const inBrowser: { ms: number; entries: number; checkpoints: number }[] = [];
    const screen = await verifyScreen(browser, world);
    try {
      for (let run = 0; run < verifyRuns; run += 1) {
        node.push(await verifyInNode(world));
        inBrowser.push(await screen.run());
        const [n, b] = [node[run], inBrowser[run]];
        say(`verify: Node ${n.entries} entries in ${Math.round(n.ms)} ms; the console ${b.entries} entries in ${Math.round(b.ms)} ms`);
        if (b.entries !== n.entries || b.entries < entries) throw new Error(`the console verified ${b.entries} entries, Node ${n.entries}, ${entries} were seeded`);
      }
    } finally {
      await screen.close();
    }

    const browserFigure = verifyFigure(inBrowser[0].entries, inBrowser[0].checkpoints, inBrowser.map((each) => each.ms));
    const nodeFigure = verifyFigure(node[0].entries, node[0].checkpoints, node.map((each) => each.ms));
    const report: ConsoleReport = {
      date: new Date().toISOString(),
      machine: machine(),
      loadAverage: { before, after: load() },
      browser: browserName,
      settings: { repetitions, entries, cpuThrottling: 'none', network: 'loopback, no throttling', cache: 'cold (a new browser context per first load and per unlock)' },
      firstLoad: { assets: loads.assets, totals: loadTotals(loads.assets) },
      interactive: { signInForm: timing(loads.form), keyWorkerReady: timing(loads.worker), domContentLoaded: timing(loads.dcl) },
      unlock: {
        password: timing(unlocks.map((each) => each.password)),
        secondFactor: timing(unlocks.map((each) => each.secondFactor)),
        agencyKeys: timing(unlocks.map((each) => each.agencyKeys)),
        total: timing(unlocks.map((each) => each.password + each.secondFactor + each.agencyKeys)),
      },
      openNote: timing(unlocks.flatMap((each) => each.notes)),
      openFirstNote: timing(unlocks.map((each) => each.notes[0])),
      verify: { browser: browserFigure, node: nodeFigure, browserOverNode: Math.round((browserFigure.timing.medianMs / nodeFigure.timing.medianMs) * 100) / 100 },
      notes: [
        'Times are taken in the page (performance.now(), from the click to the DOM change and the next frame), so the driver’s round trips are not in them; human typing is not either (fields are filled before the click).',
        'Each unlock signs in as another enrolled advocate: each TOTP step is accepted once per person.',
        'Log entries were seeded straight into PostgreSQL (bench/lib/scale.ts) and a checkpoint signed over them; both verifiers fetch them over the same loopback HTTP API.',
      ],
    };
    const written = writeConsoleReport(report, join(REPO_ROOT, 'bench/results'));
    say(`wrote ${written.markdown}`);
  } finally {
    await browser?.close();
    await api.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`console benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
