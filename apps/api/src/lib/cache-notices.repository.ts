import pg from 'pg';
import { CACHE_CHANNEL, type CacheNotices } from './cache-notices.js';

// The cache listener's connection (ADR 046): the one place outside the Prisma client that talks to
// PostgreSQL, a LISTEN connection of its own (a pooled connection cannot LISTEN).

export interface CacheNoticesOptions {
  connectionString: string;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Wait before connecting again after the connection failed or was lost. */
  retryMs?: number;
  /** A `SELECT 1` on the listener this often; a connection that does not answer is dropped. */
  pingMs?: number;
}

/** Connects and LISTENs in the background; `live` turns true once LISTEN has succeeded. */
export function startCacheNotices({
  connectionString,
  log,
  retryMs = 1000,
  pingMs = 15_000,
}: CacheNoticesOptions): CacheNotices {
  let client: pg.Client | null = null;
  let live = false;
  let generation = 0;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const handlers: ((payload: string) => void)[] = [];
  // Writers waiting for their notice and its acknowledgements, by payload.
  type Waiter = { acks: Set<number>; notice(): void; ack(): void };
  const waiters = new Map<string, Set<Waiter>>();

  const broadcast = (payload: string) => {
    generation++;
    for (const h of handlers) h(payload);
  };

  function drop(c: pg.Client, err?: unknown) {
    if (client !== c) return;
    client = null;
    if (live)
      log?.warn({ err }, 'cache listener lost: sessions and policies are read from the database until it is back');
    live = false;
    broadcast('*');
    c.end().catch(() => {});
    if (!closed) retry = setTimeout(connect, retryMs);
  }

  async function connect() {
    if (closed) return;
    const c = new pg.Client({ connectionString, application_name: 'crm-cache-listener', keepAlive: true });
    client = c;
    c.on('error', (err) => drop(c, err));
    c.on('end', () => drop(c));
    let pid = 0;
    c.on('notification', (msg) => {
      if (msg.channel !== CACHE_CHANNEL || msg.payload === undefined || client !== c) return;
      const ack = /^a:(\d+):(.*)$/s.exec(msg.payload);
      if (ack) {
        for (const w of waiters.get(ack[2]!) ?? []) {
          w.acks.add(Number(ack[1]));
          w.ack();
        }
        return;
      }
      broadcast(msg.payload);
      // Dropped: say so, for the writer waiting on every instance.
      if (live) c.query('SELECT pg_notify($1, $2)', [CACHE_CHANNEL, `a:${pid}:${msg.payload}`]).catch(() => {});
      for (const w of waiters.get(msg.payload) ?? []) w.notice();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CACHE_CHANNEL}`);
      pid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      if (client !== c) return;
      // Whatever changed before LISTEN took effect was missed: start empty.
      broadcast('*');
      live = true;
      log?.info({}, 'cache listener connected');
    } catch (err) {
      drop(c, err);
    }
  }

  const ping = setInterval(() => {
    const c = client;
    if (!c || !live) return;
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('ping timed out')), 5000).unref());
    Promise.race([c.query('SELECT 1'), timeout]).catch((err) => drop(c, err));
  }, pingMs);
  ping.unref();
  void connect();

  return {
    get live() {
      return live;
    },
    get generation() {
      return generation;
    },
    subscribe: (handler) => void handlers.push(handler),
    expect(payload, timeoutMs = 2000) {
      const c = client;
      if (!live || !c) return { arrived: Promise.resolve(false) };
      const waiter: Waiter = { acks: new Set(), notice: () => {}, ack: () => {} };
      const set = waiters.get(payload) ?? new Set();
      set.add(waiter);
      waiters.set(payload, set);
      const arrived = new Promise<boolean>((resolve) => {
        const finish = (ok: boolean) => {
          clearTimeout(timer);
          set.delete(waiter);
          if (set.size === 0 && waiters.get(payload) === set) waiters.delete(payload);
          resolve(ok);
        };
        const timer = setTimeout(() => finish(false), timeoutMs);
        // The notice came back: the transaction committed. Every process listening now must acknowledge.
        waiter.notice = () => {
          waiter.notice = () => {};
          c.query<{ pids: number[] | null }>(
            `SELECT array_agg(pid) AS pids FROM pg_stat_activity
             WHERE application_name = 'crm-cache-listener' AND datname = current_database()`,
          )
            .then(({ rows }) => {
              const pending = rows[0]?.pids ?? [];
              waiter.ack = () => {
                if (pending.every((p) => waiter.acks.has(p))) finish(true);
              };
              waiter.ack();
            })
            .catch(() => finish(false));
        };
      });
      return { arrived };
    },
    async close() {
      closed = true;
      clearInterval(ping);
      clearTimeout(retry);
      const c = client;
      client = null;
      live = false;
      broadcast('*');
      await c?.end().catch(() => {});
    },
  };
}
