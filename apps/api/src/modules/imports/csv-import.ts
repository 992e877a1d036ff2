import type { Readable } from 'node:stream';
import { textProblem, type ImportReport } from '@crm/contracts';
import { parse } from 'csv-parse';
import { BadRequestError } from '../../lib/errors.js';
import type { ImportProgress } from './import-progress.js';

export const MAX_REPORTED_ERRORS = 1000;
/** The problems CSV download lists every problem up to this many (then one row says how many more). */
export const MAX_DOWNLOADED_ERRORS = 1_000_000;

/**
 * Every problem is counted, and every data row (line 2 on) with at least one problem; the first
 * `keep` problems are kept for the report, sorted by line. A problem may carry the cell's value;
 * problems raised while a row is read get it from the row (see readCsv).
 */
/** A value shown back in a report is cut to this many characters (a 4,000-character cell is not echoed whole). */
export const MAX_SHOWN_VALUE = 100;
const shown = (value: string) =>
  value.length <= MAX_SHOWN_VALUE
    ? value
    : `${Array.from(value)
        .slice(0, MAX_SHOWN_VALUE - 1)
        .join('')}…`;

export function createProblemList(keep = MAX_REPORTED_ERRORS) {
  const errors: ImportReport['errors'] = [];
  const rows = new Set<number>();
  let count = 0;
  return {
    fail(line: number, field: string, message: string, value?: string) {
      count++;
      if (line >= 2) rows.add(line);
      if (errors.length < keep)
        errors.push(value === undefined ? { line, field, message } : { line, field, message, value });
    },
    get count() {
      return count;
    },
    /** Data rows with at least one problem (a row with three problems is one row). */
    get rows() {
      return rows.size;
    },
    /** Where the kept list ends now: with fillValues, gives the problems raised since their cell's value. */
    mark: () => errors.length,
    fillValues(from: number, record: Record<string, string>) {
      for (let i = from; i < errors.length; i++) {
        const e = errors[i]!;
        if (e.value === undefined && e.field in record) e.value = shown(record[e.field]!);
      }
    },
    sorted: () => errors.sort((a, b) => a.line - b.line),
  };
}
export type ProblemList = ReturnType<typeof createProblemList>;

/**
 * Streams a CSV body (UTF-8 with or without BOM, comma or semicolon, header row) and hands each
 * record to `onRecord` with its line number in the file. Header names are trimmed and
 * lower-cased; a header without the required columns is one problem on line 1 and stops the
 * read. A row with a cell that cannot be stored as text is reported (row and column) and not
 * handed on. Returns the number of data rows.
 */
export async function readCsv(
  file: Readable,
  required: readonly string[],
  problems: ProblemList,
  onRecord: (record: Record<string, string>, line: number) => void,
  progress?: ImportProgress,
): Promise<number> {
  let header: string[] | null = null;
  let bytes = 0;
  file.on('data', (chunk: Buffer | string) => (bytes += chunk.length));
  const parser = file.pipe(
    parse({
      bom: true,
      delimiter: [',', ';'],
      columns: (h: string[]) => (header = h.map((c) => c.trim().toLowerCase())),
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
    }),
  );
  let total = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      total++;
      if (total === 1) {
        const missing = required.filter((c) => !(c in record));
        if (missing.length) {
          problems.fail(1, 'header', `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
          file.resume();
          break;
        }
      }
      // A cell no column can store (NUL, unpaired surrogate) is a problem of that row and column.
      let storable = true;
      for (const [column, value] of Object.entries(record)) {
        const problem = textProblem(value) ?? textProblem(column);
        if (problem) {
          // No value: the cell cannot be stored, nor shown back safely.
          problems.fail(info.lines, textProblem(column) ? 'header' : column, problem);
          storable = false;
        }
      }
      if (storable) {
        const mark = problems.mark();
        onRecord(record, info.lines);
        problems.fillValues(mark, record);
      }
      if (progress && total % 1000 === 0) progress.update({ rowsRead: total });
    }
  } catch (err) {
    problems.fail(0, 'file', `cannot be read as CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  // Not a byte: no file was sent at all (an upload with an empty body), the request is at fault.
  if (bytes === 0)
    throw new BadRequestError('body is required: the CSV file (Content-Type text/csv)', [
      { field: 'body', message: 'is required: the CSV file (Content-Type text/csv)' },
    ]);
  // A file with nothing to import is a problem, not a successful import of nothing.
  if (total === 0 && problems.count === 0) {
    const columns = header as string[] | null;
    const missing = columns ? required.filter((c) => !columns.includes(c)) : [];
    if (!columns)
      problems.fail(1, 'header', `is missing: the file is empty (expected the columns ${required.join(', ')})`);
    else if (missing.length)
      problems.fail(1, 'header', `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
    else problems.fail(2, 'file', 'has no rows after the header');
  }
  progress?.update({ rowsRead: total });
  return total;
}
