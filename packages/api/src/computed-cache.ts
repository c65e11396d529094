/**
 * A per-process cache of computed answers (the dashboard's figures), for reads that many people
 * ask at once and that cost tens of milliseconds of SQL each time.
 *
 * - Single flight: concurrent requests for one key wait for one computation.
 * - Short TTL: an answer is served for at most `ttlSeconds` after it was computed (0: no cache).
 * - Writes of this process invalidate: every tRPC mutation bumps a process-wide generation when
 *   it ends (trpc.ts); an entry computed under an older generation is not served again, and a
 *   computation still running when a write ends is not joined by later requests. So whoever
 *   changed something sees it at once on this instance. Another instance's writes are not seen
 *   here until the entry expires: across instances an answer is at most `ttlSeconds` old.
 * - Bounded: at most `maxEntries` entries, the least recently used dropped first.
 *
 * A failed computation is not kept. Answers are shared between requests: never mutate one.
 */

let generation = 0;

/** The generation of committed writes of this process: bumped after every tRPC mutation. */
export const writeGeneration = (): number => generation;

/** Called after a mutation has ended (committed or not: a recomputation is cheap, a stale figure is not). */
export function noteWrite(): void {
  generation += 1;
}

interface Entry<V> {
  generation: number;
  promise: Promise<V>;
  /** Set when the computation has succeeded: the clock's reading then. */
  settledAt: number | null;
}

export interface ComputedCacheOptions {
  /** Read on every call, so a changed setting applies at once. 0 disables the cache. */
  ttlSeconds: () => number;
  maxEntries: number;
  now?: () => number;
}

export class ComputedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly now: () => number;

  constructor(private readonly options: ComputedCacheOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer for `key` if it is fresh, else `compute()`'s, shared with concurrent callers. */
  get(key: string, compute: () => Promise<V>): Promise<V> {
    const ttlMs = this.options.ttlSeconds() * 1000;
    if (ttlMs <= 0) {
      this.entries.clear();
      return compute();
    }
    const current = writeGeneration();
    const found = this.entries.get(key);
    if (found && found.generation === current && (found.settledAt === null || this.now() - found.settledAt < ttlMs)) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.promise;
    }
    const entry: Entry<V> = { generation: current, settledAt: null, promise: Promise.resolve() as Promise<V> };
    entry.promise = compute().then(
      (value) => {
        entry.settledAt = this.now();
        return value;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry.promise;
  }
}

/**
 * DASHBOARD_CACHE_SECONDS (30): how long a computed dashboard may be served, and so how old its
 * figures may be after a write made on another app instance (writes on the same instance are
 * seen at once). 0 turns the cache off.
 */
export function dashboardCacheSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DASHBOARD_CACHE_SECONDS?.trim();
  if (!raw) return 30;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 3600) throw new Error(`DASHBOARD_CACHE_SECONDS must be a number from 0 to 3600 (got "${raw}")`);
  return value;
}

/** A stable number per object (a database handle), so one process serving several databases never mixes their answers. */
const ids = new WeakMap<object, number>();
let nextId = 1;
export function identityOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}
