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
 */
export class ActivePrincipalCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private generation = 0;

  constructor(
    private readonly ttlMs = ACTIVE_PRINCIPAL_TTL_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  async resolve(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const startedAt = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > startedAt) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (value === null) this.entries.delete(key);
    else if (generation === this.generation && this.ttlMs > 0) this.keep(key, { value, expiresAt: startedAt + this.ttlMs });
    return value;
  }

  /** After a change of any principal's or agency's status here: nothing read before it is trusted any more. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
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
