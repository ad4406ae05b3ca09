import { AUDIT_CSV_COLUMNS, csvCell, csvHeader, csvRow } from './audit-format';

describe('audit CSV', () => {
  it('quotes fields with commas, quotes or line breaks and doubles quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvCell(`${start}cmd`)).toBe(`'${start}cmd`);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('writes the fixed columns, CRLF-terminated, and survives an unreadable entry', () => {
    expect(csvHeader()).toBe(`${AUDIT_CSV_COLUMNS.join(',')}\r\n`);
    const row = csvRow({ index: 7, leafHash: Buffer.alloc(32), entry: Buffer.from('not json') });
    expect(row.endsWith('\r\n')).toBe(true);
    expect(row.split(',')).toHaveLength(AUDIT_CSV_COLUMNS.length);
    expect(row.startsWith('7,,unreadable,')).toBe(true);
  });
});
