/** One page of a cursor-paginated listing, as the API answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Every item of a cursor-paginated listing, fetching the next page only when the caller gets
 * there. Stops at the page whose nextCursor is null; a cursor the server repeats ends the loop
 * instead of spinning on it.
 */
export async function* allItems<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.items;
    if (page.nextCursor === null || seen.has(page.nextCursor)) return;
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/** Collects an async iterable into an array (convenient for small listings and tests). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
