import { createHash } from 'node:crypto';
import pg from 'pg';
import { Prisma } from '../generated/client/client.js';

/*
 * Hand-written statements straight to a client's own connection pool, outside the ORM (ADR 052).
 *
 * Through the Prisma client every statement, raw ones included, is serialised to JSON and compiled
 * by its Wasm query compiler into a plan before the adapter sends it (0.5-1 ms of CPU each on this
 * machine, more than PostgreSQL spends on a prepared hot statement). `RawClient` is the raw subset
 * of the client's API ($queryRaw, $executeRaw, their Unsafe forms, $transaction) that repositories
 * written in SQL use; the direct client implements it on the same pool, with the same values in
 * and out (bigint for int8, Decimal for numeric, Date for date and timestamps, parsed JSON; see
 * test/direct-sql.test.ts, which compares the two), every statement a named prepared statement
 * (its name a digest of its text), and counted by `onQuery` like the client's own.
 */

/** The raw part of the Prisma client's API; the Prisma client and its transactions satisfy it. */
export interface RawClient {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** A direct client: the raw API on the pool, and transactions whose client is direct too. */
export interface DirectClient extends RawClient {
  $transaction<T>(work: (tx: RawClient) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T>;
}

const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `crm_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

const pad = (n: number, z = 2) => String(n).padStart(z, '0');
/** As the adapter sends a DateTime: UTC, no zone suffix (so `::date` and `::timestamp` read the UTC fields). */
function utc(d: Date): string {
  const ms = d.getUTCMilliseconds();
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`
  );
}

/** A parameter as the Prisma client would send it. */
function param(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return utc(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(param);
  if (Buffer.isBuffer(v)) return v;
  if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (Prisma.Decimal.isDecimal(v)) return (v as Prisma.Decimal).toString();
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return v;
}

// Results as the Prisma client gives them (pg's defaults differ for these types).
const T = pg.types.builtins;
const arrayOf =
  <R>(one: (s: string) => R) =>
  (s: string): (R | null)[] =>
    (pg.types.getTypeParser(1009 as never) as (s: string) => (string | null)[])(s).map((x) =>
      x === null ? null : one(x),
    );
const asBigInt = (s: string) => BigInt(s);
const asDecimal = (s: string) => new Prisma.Decimal(s);
const asDay = (s: string) => new Date(`${s}T00:00:00Z`);
const asUtc = (s: string) => new Date(`${s.replace(' ', 'T')}Z`);
const parsers: Record<number, (s: string) => unknown> = {
  [T.INT8]: asBigInt,
  1016: arrayOf(asBigInt),
  [T.NUMERIC]: asDecimal,
  1231: arrayOf(asDecimal),
  [T.DATE]: asDay,
  1182: arrayOf(asDay),
  [T.TIMESTAMP]: asUtc,
  1115: arrayOf(asUtc),
};
const types = {
  getTypeParser: (oid: number, format?: string) =>
    (format !== 'binary' && parsers[oid]) || pg.types.getTypeParser(oid, format as 'text'),
};

function statement(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): { text: string; values: unknown[] } {
  const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
  return { text: sql.text, values: sql.values };
}

function rawOn(run: (text: string, values: unknown[]) => Promise<pg.QueryResult>): RawClient {
  return {
    async $queryRaw<R>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const s = statement(query, values);
      return (await run(s.text, s.values)).rows as R;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const s = statement(query, values);
      return (await run(s.text, s.values)).rowCount ?? 0;
    },
    async $queryRawUnsafe<R>(text: string, ...values: unknown[]) {
      return (await run(text, values)).rows as R;
    },
    async $executeRawUnsafe(text: string, ...values: unknown[]) {
      return (await run(text, values)).rowCount ?? 0;
    },
  };
}

/**
 * The direct client of `pool`. Transactions: BEGIN, the work, COMMIT on one pooled connection, or
 * ROLLBACK when the work throws; past `timeout` ms the connection is destroyed (PostgreSQL rolls
 * back), so later statements and the COMMIT fail, as with the Prisma client's transaction timeout.
 */
export function createDirectClient(pool: pg.Pool, onQuery?: (sql: string) => void): DirectClient {
  const send = (client: pg.Pool | pg.PoolClient, text: string, values: unknown[]) => {
    onQuery?.(text);
    return client.query({ name: nameOf(text), text, values: values.map(param), types });
  };
  return {
    ...rawOn((text, values) => send(pool, text, values)),
    async $transaction(work, options = {}) {
      const conn = await pool.connect();
      let released = false;
      const release = (err?: Error) => {
        if (released) return;
        released = true;
        conn.release(err);
      };
      let timedOut: Error | undefined;
      const timer = setTimeout(() => {
        timedOut = new Error(`Transaction timed out after ${options.timeout ?? 5_000} ms`);
        release(timedOut);
      }, options.timeout ?? 5_000);
      const tx = rawOn((text, values) => {
        if (timedOut) throw timedOut;
        return send(conn, text, values);
      });
      try {
        await conn.query('BEGIN');
        const result = await work(tx);
        if (timedOut) throw timedOut;
        onQuery?.('COMMIT');
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        // A connection that cannot roll back is destroyed, so the pool opens a fresh one.
        if (!released) await conn.query('ROLLBACK').catch((e: Error) => release(e));
        throw err;
      } finally {
        clearTimeout(timer);
        release();
      }
    },
  };
}
