import { entriesPageJson } from './entries-page-json';
import { type EntriesPage } from './entries.service';
import { type EncodedEntry } from './log-tree.repository';

function entry(index: number): EncodedEntry {
  const bytes = Buffer.from(JSON.stringify({ v: 1, index, text: 'x'.repeat(index % 7) }));
  return { index, leafHash: Buffer.alloc(32, index % 256).toString('base64'), entry: bytes.toString('base64') };
}

/** Each batch arrives on a later turn of the event loop, as a database read's would. */
const later = () => new Promise<void>((resolve) => setImmediate(resolve));

async function* batches(...sizes: number[]): AsyncGenerator<EncodedEntry[]> {
  let next = 0;
  for (const size of sizes) {
    await later();
    yield Array.from({ length: size }, () => entry(next++));
  }
}

async function render(page: EntriesPage): Promise<{ text: string; pieces: number }> {
  let text = '';
  let pieces = 0;
  for await (const piece of entriesPageJson(page)) {
    text += piece;
    pieces += 1;
  }
  return { text, pieces };
}

describe('entriesPageJson', () => {
  it('writes exactly what JSON.stringify writes for the page, across batches and pieces', async () => {
    const expected = Array.from({ length: 1_234 }, (_, index) => entry(index));
    const { text, pieces } = await render({ start: 0, end: 1_234, treeSize: 2_000, entries: batches(1_000, 0, 234) });
    expect(text).toBe(JSON.stringify({ start: 0, end: 1_234, treeSize: 2_000, entries: expected }));
    // Opening, ten pieces of the first batch, three of the last, closing: never the page at once.
    expect(pieces).toBe(1 + 10 + 3 + 1);
  });

  it('writes an empty page as an empty array', async () => {
    const { text } = await render({ start: 5, end: 5, treeSize: 5, entries: batches() });
    expect(JSON.parse(text)).toEqual({ start: 5, end: 5, treeSize: 5, entries: [] });
  });

  it('passes a failure of the read on, after what was already written', async () => {
    async function* failing(): AsyncGenerator<EncodedEntry[]> {
      yield [entry(0)];
      await later();
      throw new Error('connection lost');
    }
    const written: string[] = [];
    const consume = async () => {
      for await (const piece of entriesPageJson({ start: 0, end: 10, treeSize: 10, entries: failing() })) written.push(piece);
    };
    await expect(consume()).rejects.toThrow('connection lost');
    expect(written.join('')).not.toContain(']}');
  });
});
