import { type EntriesPage } from './entries.service';
import { type EncodedEntry } from './log-tree.repository';

/**
 * Entries per piece of text written to the response: about 75 KB, below V8's large-object size,
 * so each piece dies young in the nursery instead of bringing the next full collection closer.
 */
const ENTRIES_PER_PIECE = 100;

/**
 * A page of raw entries (EntriesPageDto) as JSON text, in pieces written as the entries are read:
 * a whole page is ten thousand entries (about 7.5 MB), and holding it in memory as objects and then
 * as one string cost the API more CPU than the verifier spent checking it, most of it garbage
 * collection. Written by hand because nothing needs escaping: the only strings are PostgreSQL's
 * base64 (A–Z, a–z, 0–9, +, /, =) and the numbers are integers.
 */
export async function* entriesPageJson(page: EntriesPage): AsyncGenerator<string> {
  yield `{"start":${page.start},"end":${page.end},"treeSize":${page.treeSize},"entries":[`;
  let first = true;
  for await (const batch of page.entries) {
    for (let at = 0; at < batch.length; at += ENTRIES_PER_PIECE) {
      const piece = batch.slice(at, at + ENTRIES_PER_PIECE).map(entryJson).join(',');
      yield first ? piece : `,${piece}`;
      first = false;
    }
  }
  yield ']}';
}

function entryJson(entry: EncodedEntry): string {
  return `{"index":${entry.index},"leafHash":"${entry.leafHash}","entry":"${entry.entry}"}`;
}
