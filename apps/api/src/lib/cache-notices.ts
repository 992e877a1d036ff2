declare module 'fastify' {
  interface FastifyInstance {
    /** This process's cache listener (ADR 046); `noCacheNotices` when the app caches nothing. */
    cacheNotices: CacheNotices;
  }
}

/** The channel the database's triggers notify when sessions, users, teams or policies change (migration 20261207100000). */
export const CACHE_CHANNEL = 'crm_cache';

/**
 * Cross-instance cache invalidation (ADR 046): one LISTEN connection per process. PostgreSQL
 * delivers a notice only when the transaction that sent it commits, to every listening process.
 *
 * Caches built on it (`createSharedCache`) serve from memory only while the listener is
 * connected (`live`); while it is not (start-up, a lost connection, reconnecting) every read goes
 * to the database, and on (re)connecting every cache is emptied, since notices sent meanwhile
 * were missed. `generation` changes on every notice and on every connect or disconnect: a value
 * read from the database is kept only if the generation did not move while it was read, so a
 * notice that arrived during the read cannot be overtaken by the stale row.
 */
export interface CacheNotices {
  readonly live: boolean;
  readonly generation: number;
  /** `payload` for a notice; `'*'` when every cached copy must go (connected again, or lost). */
  subscribe(handler: (payload: string) => void): void;
  /**
   * A writer's confirmation: call BEFORE its transaction commits, await `arrived` after. Resolves
   * true once every process listening when the notice `payload` came back has acknowledged it
   * (each acknowledges after dropping its copies), so a request sent to any instance after the
   * writer answers cannot be served the old copy; false after `timeoutMs`, or at once when this
   * process is not listening.
   */
  expect(payload: string, timeoutMs?: number): { arrived: Promise<boolean> };
  close(): Promise<void>;
}

/** No listener (tests that do not ask for one, CACHE_TTL_SECONDS=0): never live, so nothing is cached. */
export const noCacheNotices: CacheNotices = {
  live: false,
  generation: 0,
  subscribe: () => {},
  expect: () => ({ arrived: Promise.resolve(false) }),
  close: async () => {},
};

/**
 * A per-process cache on top of the notices: entries live at most `ttlMs` (a backstop for a
 * notice lost in a way the listener could not see), and are dropped by `invalidate`, which the
 * owner calls from its notice handler.
 */
export function createSharedCache<V>(
  notices: CacheNotices,
  { ttlMs, maxEntries = 50_000 }: { ttlMs: number; maxEntries?: number },
) {
  const entries = new Map<string, { value: V; at: number }>();
  return {
    /** The cached value (`cached: true`), or the loader's, kept when nothing changed meanwhile. */
    async get(key: string, load: () => Promise<V | null>): Promise<{ value: V | null; cached: boolean }> {
      if (notices.live) {
        const hit = entries.get(key);
        if (hit && performance.now() - hit.at < ttlMs) return { value: hit.value, cached: true };
      }
      const generation = notices.generation;
      const value = await load();
      if (value !== null) this.keep(key, value, generation);
      return { value, cached: false };
    },
    /** Keeps a value read from the database when `generation` (taken before the read) still holds. */
    keep(key: string, value: V, generation: number) {
      if (!notices.live || notices.generation !== generation || ttlMs <= 0) return;
      if (entries.size >= maxEntries) entries.clear();
      entries.set(key, { value, at: performance.now() });
    },
    delete: (key: string) => void entries.delete(key),
    /** Drops the entries `drop` says to (or every one). */
    clear(drop?: (value: V, key: string) => boolean) {
      if (!drop) return entries.clear();
      for (const [key, e] of entries) if (drop(e.value, key)) entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
