import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMonitoringBench } from '../../bench/monitoring.bench';
import { type BenchReport, machine, writeReport } from '../../bench/lib/report';

describe('benchmark results file', () => {
  it('measures the monitoring figures next to a parse-only pass over the same synthetic log', () => {
    const result = runMonitoringBench({ entries: 2_000, referrals: 200, slices: 1 });
    expect(result.entries).toBe(2_000);
    expect(result.computeMs).toBeGreaterThan(0);
    expect(result.baselineMs).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.computeMs / result.baselineMs);
  });

  it('writes the webhook and monitoring figures into the markdown as well as the JSON', () => {
    const directory = mkdtempSync(join(tmpdir(), 'ccr-bench-report-'));
    try {
      const report: BenchReport = {
        date: '2026-12-06T08:00:00.000Z',
        machine: machine(),
        database: 'test',
        settings: { connections: 32, seconds: 1, warmupSeconds: 0 },
        phases: [],
        webhooks: { deliveries: { events: 10, seconds: 1, perSecond: 10 } },
        monitoring: { entries: 2_000, ratio: 2.5 },
        targets: [],
        notes: [],
      };
      const written = writeReport(report, directory);
      const markdown = readFileSync(written.markdown, 'utf8');
      expect(markdown).toContain('## Webhooks and the deadline sweep');
      expect(markdown).toContain('"perSecond": 10');
      expect(markdown).toContain('## Monitoring figures');
      expect(JSON.parse(readFileSync(written.json, 'utf8'))).toMatchObject({ monitoring: { ratio: 2.5 } });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
