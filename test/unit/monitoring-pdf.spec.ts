import { computeFigures } from '../../src/monitoring/figures/compute';
import { buildReport, type ReleasedFigures } from '../../src/monitoring/figures/report';
import { SyntheticLog } from '../../src/monitoring/figures/synthetic-history';
import { latin1, renderReportPdf } from '../../src/monitoring/render/pdf';
import { parsePdf } from '../support/pdf-text';

const police = { agency: 'police-1', kind: 'law_enforcement' };
const probation = { agency: 'probation-1', kind: 'probation' };
const advocacy = { agency: 'advocacy-1', kind: 'advocacy' };

/** 14 police referrals (12 accepted, 2 turned down) and 3 from probation: small cells to withhold. */
function figures(): ReleasedFigures {
  const log = new SyntheticLog();
  for (let i = 0; i < 14; i++) {
    const day = `2026-02-${String((i % 9) + 1).padStart(2, '0')}`;
    log.send(`${day}T09:00:00.000Z`, `p${i}`, police, advocacy);
    log.move(`${day}T10:${String(i).padStart(2, '0')}:00.000Z`, `p${i}`, i < 12 ? 'accepted' : 'rejected', 'receiver', i < 12 ? null : 'no_capacity');
  }
  for (let i = 0; i < 3; i++) {
    log.send(`2026-02-1${i}T09:00:00.000Z`, `b${i}`, probation, advocacy);
    log.move(`2026-02-1${i}T11:00:00.000Z`, `b${i}`, 'accepted', 'receiver', null);
  }
  return buildReport(computeFigures(log.entries, { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', bucket: 'quarter', k: 5 }), null).figures;
}

/** What the tables print, as the PDF's cells must: each released number, each time summary, and a dash per withheld value. */
function expectedCells(released: ReleasedFigures): { numbers: string[]; times: string[]; withheld: number } {
  const counts = released.counts.flatMap((table) => [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total]);
  const summaries = released.times.flatMap((table) => table.cells.flat());
  return {
    numbers: counts.filter((value): value is number => value !== null).map(String).sort(),
    times: summaries.flatMap((summary) => (summary ? [`${summary.median} / ${summary.p90} (${summary.n})`] : [])).sort(),
    withheld: counts.filter((value) => value === null).length + summaries.filter((summary) => summary === null).length,
  };
}

describe('the monitoring report as a PDF', () => {
  it('parses, and prints every released figure and a dash for each withheld one — no suppressed number', async () => {
    const released = figures();
    const expected = expectedCells(released);
    expect(expected.withheld).toBeGreaterThan(0);
    const pdf = await parsePdf(await renderReportPdf({ figures: released, noise: null, title: 'Quarterly report, 2026-Q1' }));
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.title).toBe('Quarterly report, 2026-Q1');
    expect(pdf.texts).toContain('How referrals were answered');
    expect(pdf.texts).toContain('law enforcement > advocacy');
    expect(pdf.texts.join(' ').replace(/\s+/g, ' ')).toContain('rejected: no capacity');
    expect(pdf.texts.filter((text) => /^\d+$/.test(text)).sort()).toEqual(expected.numbers);
    expect(pdf.texts.filter((text) => /^\d+ \/ \d+ \(\d+\)$/.test(text)).sort()).toEqual(expected.times);
    expect(pdf.texts.filter((text) => text === '—')).toHaveLength(expected.withheld);
  });

  it('states the noise and its budget, with ε spelled out for the built-in font', async () => {
    const noise = { mechanism: 'discrete_laplace' as const, sensitivity: 1 as const, epsilonPerTable: 0.5, tables: 4, totalEpsilon: 2 };
    const pdf = await parsePdf(await renderReportPdf({ figures: figures(), noise, title: 'Informe trimestral — año 2026 ✓' }));
    expect(pdf.title).toBe('Informe trimestral — año 2026 ?');
    expect(pdf.texts.join(' ').replace(/\s+/g, ' ')).toContain('discrete Laplace, epsilon = 0.5 per table, 2 for the whole report');
  });

  it('keeps to what the built-in font prints', () => {
    expect(latin1('ε = 1, año — 北')).toBe('epsilon = 1, año — ?');
  });
});
