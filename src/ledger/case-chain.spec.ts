import { CaseChains, checkCaseChain, type ChainLink } from './case-chain';
import { parseEntry, EntryFormatError } from './entry-format';
import { leafHash } from './merkle';

const CASE = '33333333-3333-4333-8333-333333333333';

function chain(count: number, firstIndex = 10): ChainLink[] {
  const links: ChainLink[] = [];
  for (let i = 0; i < count; i += 1) {
    const prev = i === 0 ? 'null' : `"${Buffer.from(links[i - 1].leafHash).toString('hex')}"`;
    const bytes = Buffer.from(`{"v": 1, "id": "e${i}", "case": "${CASE}", "kind": "access", "time": "2026-01-01T00:00:0${i}.000Z", "caseSeq": ${i + 1}, "casePrev": ${prev}}`);
    links.push({ index: firstIndex + i * 3, leafHash: leafHash(bytes), entry: parseEntry(bytes) });
  }
  return links;
}

describe('case chains', () => {
  it('accepts a complete chain', () => {
    expect(checkCaseChain(CASE, chain(5))).toBeNull();
  });

  it('names the entry after a gap, and the moved entry of a reordering', () => {
    const links = chain(5);
    expect(checkCaseChain(CASE, [links[0], links[1], links[3], links[4]])).toMatchObject({ index: links[3].index, reason: 'sequence', expectedSeq: 3 });
    expect(checkCaseChain(CASE, [links[0], links[2], links[1]])).toMatchObject({ index: links[2].index, reason: 'sequence' });
    expect(checkCaseChain(CASE, links.slice(1))).toMatchObject({ index: links[1].index, expectedSeq: 1 });
  });

  it('points a broken hash link at the earlier entry, whose bytes changed', () => {
    const links = chain(4);
    const changed = { ...links[1], leafHash: leafHash(Buffer.from('something else')) };
    expect(checkCaseChain(CASE, [links[0], changed, links[2], links[3]])).toMatchObject({ index: links[1].index, foundAt: links[2].index, reason: 'previous-hash' });
  });

  it('breaks the link on any other casePrev: one hex digit changed, or upper case', () => {
    const links = chain(2);
    const prev = links[1].entry.casePrev as string;
    const oneDigit = `${prev.slice(0, 40)}${prev[40] === '0' ? '1' : '0'}${prev.slice(41)}`;
    for (const casePrev of [oneDigit, prev.toUpperCase(), prev.slice(2)]) {
      const tampered = { ...links[1], entry: { ...links[1].entry, casePrev } };
      expect(checkCaseChain(CASE, [links[0], tampered])).toMatchObject({ reason: 'previous-hash', foundAt: links[1].index });
    }
  });

  it('refuses an entry of another case, and follows many cases at once', () => {
    const links = chain(3);
    expect(checkCaseChain('44444444-4444-4444-8444-444444444444', links)).toMatchObject({ index: links[0].index, reason: 'other-case' });
    const chains = new CaseChains();
    expect(links.map((link) => chains.accept(link))).toEqual([null, null, null]);
    expect(chains.accept(links[1])).toMatchObject({ reason: 'sequence', expectedSeq: 4 });
  });

  it('keeps the hash of each case head as it was accepted, whatever later happens to the caller\'s buffer', () => {
    const links = chain(3);
    const reused = Buffer.from(links[0].leafHash);
    const chains = new CaseChains();
    expect(chains.accept({ ...links[0], leafHash: reused })).toBeNull();
    reused.fill(0); // e.g. memory of a pool reused
    const second = Buffer.from(links[1].leafHash);
    expect(chains.accept({ ...links[1], leafHash: second })).toBeNull();
    second.fill(0);
    expect(chains.accept(links[2])).toBeNull();
  });

  it('parses only version 1 entries whose chain fields agree', () => {
    expect(() => parseEntry(Buffer.from('{"v": 2, "id": "x", "kind": "k", "time": "t"}'))).toThrow(EntryFormatError);
    expect(() => parseEntry(Buffer.from([0xff, 0xfe]))).toThrow(EntryFormatError);
    expect(() => parseEntry(Buffer.from(`{"v": 1, "id": "x", "kind": "k", "time": "t", "case": "${CASE}", "caseSeq": 2, "casePrev": null}`))).toThrow(EntryFormatError);
    expect(parseEntry(Buffer.from('{"v": 1, "id": "x", "kind": "ledger_read", "time": "t"}')).kind).toBe('ledger_read');
  });
});
