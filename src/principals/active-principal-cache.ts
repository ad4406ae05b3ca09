/**
 * How long an API process may go on trusting that a principal and its agency are active, after
 * reading it (decision 0147). A change made through this process takes effect at once (invalidate());
 * one made through another process — or straight in the database — within this bound. Issue 24
 * requires a disabled principal or a suspended agency to be refused within one second.
 */
export const ACTIVE_PRINCIPAL_TTL_MS = 500;

/** Beyond this many principals, the oldest entry makes room: the cache cannot grow without bound. */
const MAX_ENTRIES = 10_000;

interface Entry<V> {
  value: V;
  /** Counted from before the read began, so an entry is never trusted longer than the bound after its row was read. */
  expiresAt: number;
}

/**
 * Positive answers only, for at most `ttlMs`: an unknown or inactive principal is asked of the
 * database every time, so re-enabling one works at once and a stream of bad tokens fills nothing.
 * A read that began before an invalidation is not kept, so it cannot bring back what was dropped.
 * Requests that miss while a read of the same principal is under way wait for that read instead of
 * sending their own: without it, every request in flight when an entry expires asked the database
 * (at 32 connections, more lookups than requests on a busy machine).
 */
export class ActivePrincipalCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Reads under way, begun since the last invalidation. */
  private readonly reading = new Map<string, Promise<V | null>>();
  private generation = 0;

  constructor(
    private readonly ttlMs = ACTIVE_PRINCIPAL_TTL_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  resolve(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const startedAt = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > startedAt) return Promise.resolve(hit.value);
    const under = this.reading.get(key);
    if (under) return under;
    const read = this.read(key, load, startedAt);
    this.reading.set(key, read);
    return read;
  }

  /** After a change of any principal's or agency's status here: nothing read before it is trusted any more. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
    this.reading.clear();
  }

  private async read(key: string, load: () => Promise<V | null>, startedAt: number): Promise<V | null> {
    const generation = this.generation;
    try {
      const value = await load();
      if (generation !== this.generation) return value;
      if (value === null) this.entries.delete(key);
      else if (this.ttlMs > 0) this.keep(key, { value, expiresAt: startedAt + this.ttlMs });
      return value;
    } finally {
      if (generation === this.generation) this.reading.delete(key);
    }
  }

  private keep(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
  }
}
