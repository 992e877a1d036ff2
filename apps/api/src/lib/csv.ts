import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

/** What a spreadsheet would read as a formula (OWASP "CSV injection"): = + - @ tab or CR first. */
const FORMULA_START = /^[\s]*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell a spreadsheet shows as text, never runs: a value that would start a formula gets a
 * leading apostrophe (OWASP). Numeric columns keep plain numbers as they are, so -12.50 stays a
 * negative number; anything else in them is neutralised like text.
 */
export function neutraliseCsvCell(value: string | number | null | undefined, numeric = false): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (numeric && PLAIN_NUMBER.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export interface CsvDownload {
  filename: string;
  columns: readonly string[];
  /** Indexes of columns that hold plain numbers (left as numbers when they are). */
  numericColumns?: readonly number[];
  rows: AsyncIterable<readonly (string | number | null | undefined)[]>;
}

/**
 * Streams rows as a CSV download (UTF-8 with BOM, every cell neutralised). The first row is read
 * before anything is sent, so a failing query is an ordinary error response (400/503...); an
 * error later ends this response only (the connection is cut, the process and the other
 * requests go on), and is logged.
 */
export async function sendCsv(reply: FastifyReply, download: CsvDownload) {
  const numeric = new Set(download.numericColumns ?? []);
  const source = download.rows[Symbol.asyncIterator]();
  const first = await source.next();
  async function* cells() {
    let next = first;
    while (!next.done) {
      yield next.value.map((v, i) => neutraliseCsvCell(v, numeric.has(i)));
      next = await source.next();
    }
  }
  const csv = stringify({ header: true, columns: [...download.columns], bom: true });
  pipeline(Readable.from(cells()), csv).catch((err: unknown) => {
    reply.log.error({ err }, 'CSV download failed after it started; the response was cut');
  });
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${download.filename}"`)
    .send(csv);
}
