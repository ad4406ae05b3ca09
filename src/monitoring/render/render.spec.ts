import { computeFigures } from '../figures/compute';
import { buildReport } from '../figures/report';
import { SyntheticLog } from '../figures/synthetic-history';
import { figuresCsv } from './csv';
import { renderReportHtml } from './html';

const police = { agency: 'police-1', kind: 'law_enforcement' };
const advocacy = { agency: 'advocacy-1', kind: 'advocacy' };

function report() {
  const log = new SyntheticLog();
  for (let i = 0; i < 12; i++) {
    log.send(`2026-01-0${(i % 9) + 1}T09:00:00.000Z`, `r${i}`, police, advocacy);
    log.move(`2026-01-0${(i % 9) + 1}T10:00:00.000Z`, `r${i}`, i < 11 ? 'accepted' : 'rejected', 'receiver', i < 11 ? null : 'no_capacity');
  }
  log.add('denied', '2026-01-09T10:00:00.000Z', { actor: { principal: 'p', agency: '=cmd', roles: [] }, reason: '<script>' });
  return buildReport(computeFigures(log.entries, { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', bucket: 'quarter', k: 5 }), null);
}

describe('printable and CSV reports from the same figures', () => {
  it('writes one CSV line per cell and total, empty where suppressed', () => {
    const csv = figuresCsv(report().figures).split('\r\n');
    expect(csv[0]).toBe('figure,bucket,row,column,count,n,median_minutes,p90_minutes');
    expect(csv).toContain('referrals,2026-Q1,law_enforcement>advocacy,accepted,11,,,');
    expect(csv).toContain('referrals,2026-Q1,law_enforcement>advocacy,rejected:no_capacity,,,,');
    expect(csv).toContain('referrals,2026-Q1,law_enforcement>advocacy,total,12,,,');
    expect(csv).toContain('referral_times,2026-Q1,law_enforcement>advocacy,to_accepted,,11,60,60');
  });

  it('prints an HTML page with captions, dashes for suppressed cells, and every value escaped', () => {
    const html = renderReportHtml({ figures: report().figures, noise: null, title: 'Quarterly report <2026-Q1>' });
    expect(html).toContain('<h2>How referrals were answered</h2>');
    expect(html).toContain('<td>11</td>');
    expect(html).toContain('<td>—</td>');
    expect(html).toContain('Quarterly report &#60;2026-Q1&#62;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/src=|href=/);
  });
});
