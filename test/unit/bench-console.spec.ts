import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freshStep } from '../../bench/lib/console-page';
import { type ConsoleReport, gzipSize, loadTotals, servedSize, sizeAsset, timing, verifyFigure, writeConsoleReport } from '../../bench/lib/console-report';

/** The console benchmark's pure parts (npm run bench:console; decision 0158): sizing, statistics, the results files. */
describe('console benchmark', () => {
  const text = Buffer.from('const sealed = true;\n'.repeat(500));

  it('sizes a body gzipped at the default level, well under its raw size', () => {
    const size = gzipSize(text);
    expect(size).toBe(gzipSync(text, { level: 6 }).length);
    expect(size).toBeLessThan(text.length / 10);
  });

  describe('what the service serves', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      // One path answers gzip, as a compressing service would; the other plain.
      server = createServer((request, response) => {
        if (request.url === '/gz' && String(request.headers['accept-encoding']).includes('gzip')) {
          response.setHeader('Content-Encoding', 'gzip');
          response.end(gzipSync(text));
        } else response.end(text);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('counts the bytes off the socket, not decoded, with their encoding, when asked as Chromium asks', async () => {
      const compressed = await servedSize(`${url}/gz`);
      expect(compressed).toEqual({ bytes: gzipSync(text).length, encoding: 'gzip' });
      expect(await servedSize(`${url}/plain`)).toEqual({ bytes: text.length, encoding: 'identity' });
    });
  });

  it('adds up a first load and says whether the service compressed any of it', () => {
    const plain = [sizeAsset('/', 'document', Buffer.from('<!doctype html>'), { bytes: 15, encoding: 'identity' }), sizeAsset('/assets/a-12345678.js', 'script', text, { bytes: text.length, encoding: 'identity' })];
    expect(loadTotals(plain)).toEqual({ files: 2, rawBytes: 15 + text.length, servedBytes: 15 + text.length, gzipBytes: plain[0].gzipBytes + plain[1].gzipBytes, serviceCompresses: false });
    const oneCompressed = [plain[0], { ...plain[1], servedBytes: plain[1].gzipBytes, servedEncoding: 'gzip' }];
    expect(loadTotals(oneCompressed).serviceCompresses).toBe(true);
  });

  it('takes the median of an odd and of an even number of runs, with the extremes, in the order measured', () => {
    expect(timing([30, 10, 20])).toEqual({ runs: 3, medianMs: 20, minMs: 10, maxMs: 30, samplesMs: [30, 10, 20] });
    expect(timing([4, 1, 2, 3.04])).toMatchObject({ medianMs: 2.5, minMs: 1, maxMs: 4, samplesMs: [4, 1, 2, 3] });
    expect(() => timing([])).toThrow('no samples');
    expect(verifyFigure(100_000, 3, [2_000, 4_000, 2_500])).toMatchObject({ entries: 100_000, checkpoints: 3, entriesPerSecond: 40_000 });
  });

  it('signs each person in with a TOTP step they have not used, within the server’s one step of drift', () => {
    const at = (step: number, into = 1_000) => step * 30_000 + into;
    expect(freshStep(100, at(100))).toBe(101);
    expect(freshStep(100, at(101))).toBe(101);
    expect(freshStep(100, at(105))).toBe(105);
  });

  it('writes the run as JSON and Markdown, dated and as the latest, with the figures and the load average', () => {
    const directory = mkdtempSync(join(tmpdir(), 'ccr-bench-console-'));
    const t = timing([100, 120, 110]);
    const assets = [sizeAsset('/', 'document', text, { bytes: text.length, encoding: 'identity' })];
    const report: ConsoleReport = {
      date: '2026-12-06T08:00:00.000Z',
      machine: { cpus: 2, model: 'test', memoryGb: 4, node: process.version },
      loadAverage: { before: [3.5, 2, 1], after: [4, 2.5, 1] },
      browser: 'Chromium test',
      settings: { repetitions: 3, entries: 100_000, cpuThrottling: 'none', network: 'loopback, no throttling', cache: 'cold' },
      firstLoad: { assets, totals: loadTotals(assets) },
      interactive: { signInForm: t, keyWorkerReady: t, domContentLoaded: t },
      unlock: { password: t, secondFactor: t, agencyKeys: t, total: timing([300, 330, 360]) },
      openNote: t,
      openFirstNote: t,
      verify: { browser: verifyFigure(100_000, 2, [5_000]), node: verifyFigure(100_000, 2, [2_500]), browserOverNode: 2 },
      notes: ['a note'],
    };
    const written = writeConsoleReport(report, directory);
    expect(written.json).toBe(join(directory, 'console-2026-12-06T08-00-00-000Z.json'));
    expect(JSON.parse(readFileSync(join(directory, 'console-latest.json'), 'utf8'))).toEqual(report);
    const markdown = readFileSync(join(directory, 'console-latest.md'), 'utf8');
    expect(readFileSync(written.markdown, 'utf8')).toBe(markdown);
    expect(markdown).toContain('Load average (1, 5, 15 min): 3.5, 2, 1 before, 4, 2.5, 1 after');
    expect(markdown).toContain('The service does not compress');
    expect(markdown).toContain('| **unlock, all three** | 330 ms (300–360, 3 runs) |');
    expect(markdown).toContain('| the console\'s verify worker (Chromium) | 5000 ms (5000–5000, 1 run) | 20,000 |');
    expect(markdown).toContain('The browser took 2 × Node\'s time.');
  });
});
