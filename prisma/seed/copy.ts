import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Cell = string | number | boolean | bigint | null | readonly string[];

/** Escapes one value for PostgreSQL's COPY text format. */
function encode(value: Cell): string {
  if (value === null) return '\\N';
  if (Array.isArray(value)) {
    // A text[] literal; values here are plain codes, quoted to be safe.
    return encode(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  }
  return String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** Bulk-loads rows with COPY FROM STDIN (orders of magnitude faster than INSERT per row). */
export async function copyRows(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  rows: readonly Cell[][],
): Promise<void> {
  if (rows.length === 0) return;
  const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  const stream = client.query(copyFrom(sql));
  const CHUNK = 2000;
  async function* lines() {
    for (let i = 0; i < rows.length; i += CHUNK) {
      yield (
        rows
          .slice(i, i + CHUNK)
          .map((row) => row.map(encode).join('\t'))
          .join('\n') + '\n'
      );
    }
  }
  await pipeline(Readable.from(lines()), stream);
}
