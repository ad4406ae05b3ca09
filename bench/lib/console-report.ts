import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { type BenchReport } from './report';

/** One file the console's first load fetched, as the browser saw it. */
export interface LoadedAsset {
  /** The path (origin left out: the port changes every run). */
  path: string;
  /** What the page fetched it as: document, script, stylesheet, a worker's script. */
  kind: string;
  /** Body bytes as served. */
  rawBytes: number;
  /** Body bytes the service sends to a browser that accepts gzip, deflate and br (equal to raw when it does not compress). */
  servedBytes: number;
  /** Its Content-Encoding then ('identity' when none). */
  servedEncoding: string;
  /** The body gzipped at level 6 (the default of zlib, nginx's gzip_comp_level aside, and of Express's compression). */
  gzipBytes: number;
}

/** The gzip size of a body at zlib's default level 6: what a compressing proxy in front of the service would send. */
export function gzipSize(body: Buffer): number {
  return gzipSync(body, { level: constants.Z_DEFAULT_COMPRESSION }).length;
}

export function sizeAsset(path: string, kind: string, body: Buffer, served: { bytes: number; encoding: string }): LoadedAsset {
  return { path, kind, rawBytes: body.length, servedBytes: served.bytes, servedEncoding: served.encoding, gzipBytes: gzipSize(body) };
}

/**
 * What the service sends for `url` to a client asking for compression as Chromium does: the body's
 * bytes as they come off the socket (node:http does not decode them, unlike fetch) and the encoding.
 */
export function servedSize(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ bytes, encoding: String(response.headers['content-encoding'] ?? 'identity') }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** Totals of a first load, with the service's own encoding detected (it served a body smaller than the file: compressed). */
export function loadTotals(assets: readonly LoadedAsset[]): { files: number; rawBytes: number; servedBytes: number; gzipBytes: number; serviceCompresses: boolean } {
  const sum = (pick: (asset: LoadedAsset) => number) => assets.reduce((total, asset) => total + pick(asset), 0);
  return {
    files: assets.length,
    rawBytes: sum((asset) => asset.rawBytes),
    servedBytes: sum((asset) => asset.servedBytes),
    gzipBytes: sum((asset) => asset.gzipBytes),
    serviceCompresses: assets.some((asset) => asset.servedEncoding !== 'identity'),
  };
}

/** Median, minimum and maximum of repeated timings, rounded to 0.1 ms; the raw runs are kept too. */
export interface Timing {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

export function timing(samples: readonly number[]): Timing {
  if (samples.length === 0) throw new Error('timing: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
  const round = (value: number) => Math.round(value * 10) / 10;
  return { runs: sorted.length, medianMs: round(median), minMs: round(sorted[0]), maxMs: round(sorted[sorted.length - 1]), samplesMs: samples.map(round) };
}

export interface VerifyFigure {
  entries: number;
  checkpoints: number;
  timing: Timing;
  /** From the median run. */
  entriesPerSecond: number;
}

export function verifyFigure(entries: number, checkpoints: number, samplesMs: readonly number[]): VerifyFigure {
  const measured = timing(samplesMs);
  return { entries, checkpoints, timing: measured, entriesPerSecond: Math.round(entries / (measured.medianMs / 1000)) };
}

export interface ConsoleReport {
  date: string;
  machine: BenchReport['machine'];
  /** The 1, 5 and 15 minute load averages before and after the run: the machine is shared. */
  loadAverage: { before: number[]; after: number[] };
  browser: string;
  settings: { repetitions: number; entries: number; cpuThrottling: 'none'; network: 'loopback, no throttling'; cache: string };
  firstLoad: { assets: LoadedAsset[]; totals: ReturnType<typeof loadTotals> };
  /** Navigation start → the sign-in form's button enabled; → the key worker's libsodium ready. */
  interactive: { signInForm: Timing; keyWorkerReady: Timing; domContentLoaded: Timing };
  /** Password (OPAQUE) → code asked; code (TOTP) → signed in; unlock → the agency's keys open; and the three together. */
  unlock: { password: Timing; secondFactor: Timing; agencyKeys: Timing; total: Timing };
  /** Click on a sealed note on the case timeline → its words on the screen (fetched, opened in the key worker, signature checked). */
  openNote: Timing;
  /** The first note each unlocked page opens (the later ones find the author's keys already fetched, if the console keeps them). */
  openFirstNote: Timing;
  verify: { browser: VerifyFigure; node: VerifyFigure; browserOverNode: number };
  notes: string[];
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: Timing) => `${value.medianMs} ms (${value.minMs}–${value.maxMs}, ${value.runs} run${value.runs === 1 ? '' : 's'})`;

export function consoleMarkdown(report: ConsoleReport): string {
  const { totals } = report.firstLoad;
  const lines = [
    `# Console benchmark ${report.date}`,
    '',
    `Machine: ${report.machine.cpus} × ${report.machine.model}, ${report.machine.memoryGb} GiB, Node ${report.machine.node}; ${report.browser}.`,
    `Load average (1, 5, 15 min): ${report.loadAverage.before.join(', ')} before, ${report.loadAverage.after.join(', ')} after. The machine is shared: other work ran during the measurement.`,
    `Settings: ${report.settings.repetitions} repetitions, no CPU throttling, ${report.settings.network}, ${report.settings.cache}.`,
    '',
    '## First load',
    '',
    totals.serviceCompresses
      ? 'The service compressed these itself ("served", asked with Accept-Encoding: gzip, deflate, br, zstd as Chromium asks: the .br or .gz made at build, decision 0159); "gzip" is each body gzipped at level 6, for comparison with earlier runs.'
      : 'The service does not compress (asked with Accept-Encoding: gzip, deflate, br, zstd as Chromium asks, it answered every file uncompressed): "served" is what it sends today; "gzip" is each body gzipped at level 6, what a compressing proxy in front of it would send.',
    '',
    '| file | fetched as | raw | served | encoding | gzip |',
    '|---|---|---:|---:|---|---:|',
    ...report.firstLoad.assets.map((asset) => `| ${asset.path} | ${asset.kind} | ${kib(asset.rawBytes)} | ${kib(asset.servedBytes)} | ${asset.servedEncoding} | ${kib(asset.gzipBytes)} |`),
    `| **${totals.files} files** | | **${kib(totals.rawBytes)}** | **${kib(totals.servedBytes)}** | | **${kib(totals.gzipBytes)}** |`,
    '',
    '## Times (median, min–max)',
    '',
    '| what | time |',
    '|---|---|',
    `| DOMContentLoaded (from navigation start) | ${ms(report.interactive.domContentLoaded)} |`,
    `| interactive: the sign-in form's button enabled | ${ms(report.interactive.signInForm)} |`,
    `| the key worker's libsodium ready | ${ms(report.interactive.keyWorkerReady)} |`,
    `| unlock: password (OPAQUE) → code asked | ${ms(report.unlock.password)} |`,
    `| unlock: code (TOTP) → signed in | ${ms(report.unlock.secondFactor)} |`,
    `| unlock: the agency's keys opened in the key worker | ${ms(report.unlock.agencyKeys)} |`,
    `| **unlock, all three** | ${ms(report.unlock.total)} |`,
    `| **open a sealed note, once unlocked** (every note opened) | ${ms(report.openNote)} |`,
    `| open the first note after the unlock | ${ms(report.openFirstNote)} |`,
    '',
    `## Verifying ${report.verify.browser.entries.toLocaleString('en-US')} log entries`,
    '',
    '| where | time | entries/s |',
    '|---|---|---:|',
    `| the console's verify worker (Chromium) | ${ms(report.verify.browser.timing)} | ${report.verify.browser.entriesPerSecond.toLocaleString('en-US')} |`,
    `| the same verifier in Node (same service, same entries) | ${ms(report.verify.node.timing)} | ${report.verify.node.entriesPerSecond.toLocaleString('en-US')} |`,
    '',
    `The browser took ${report.verify.browserOverNode} × Node's time.`,
    '',
    '## Notes',
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
  ];
  return lines.join('\n');
}

/** bench/results/console-<date>.json and .md, and console-latest.json/.md (committed, like the other tools' results). */
export function writeConsoleReport(report: ConsoleReport, directory: string): { json: string; markdown: string } {
  mkdirSync(directory, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  const json = join(directory, `console-${stamp}.json`);
  const markdown = join(directory, `console-${stamp}.md`);
  const text = consoleMarkdown(report);
  const data = JSON.stringify(report, null, 2) + '\n';
  writeFileSync(json, data);
  writeFileSync(markdown, text);
  writeFileSync(join(directory, 'console-latest.json'), data);
  writeFileSync(join(directory, 'console-latest.md'), text);
  return { json, markdown };
}
