import { esc, renderAccountingHtml } from './accounting-html';
import { ACCOUNTING_NOTICES } from './accounting-builder';
import { type AccountingDto } from './dto/accounting.dto';

describe('the printable accounting', () => {
  it('escapes every character HTML gives meaning to', () => {
    expect(esc(`<script>alert("x") & 'y'</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
  });

  it('renders an empty case in plain words, with no script and no external resource', () => {
    const accounting: AccountingDto = {
      format: 'ccr-accounting/v1',
      caseId: '55555555-5555-4555-8555-555555555555',
      custodian: { id: '66666666-6666-4666-8666-666666666666', name: '<b>Shelter</b>' },
      generatedAt: '2026-01-02T03:04:05.000Z',
      summary: { disclosures: 0, compelled: 0, refused: 0, internalAccess: 0, entries: 0, pending: 0 },
      entries: [],
      consents: [],
      denyInstructions: [],
      mandates: [],
      linkedFrom: null,
      linkedTo: [],
      receipt: null,
      witnessed: null,
      consistency: null,
      logKeyTransitions: [],
      accountingEntryIndex: 12,
      notices: ACCOUNTING_NOTICES,
    };
    const html = renderAccountingHtml(accounting);
    expect(html).toContain('No information about this case has left the agency that holds it.');
    expect(html).toContain('&lt;b&gt;Shelter&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<link|<img|src=|href=/i);
    expect(html).toContain('The log has not signed a checkpoint yet');
  });
});
