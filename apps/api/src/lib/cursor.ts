import { BadRequestError } from './errors.js';

/** Keyset cursors: the sort key of the last row of a page, opaque to clients (base64url JSON). */
export function encodeCursor(values: readonly (string | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor of `size` values, each a string (or null where `nullable` allows); 400 otherwise. */
export function decodeCursor(raw: string, size: number, nullable: readonly number[] = []): (string | null)[] {
  try {
    const values = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === size && values.every((v, i) => typeof v === 'string' || (v === null && nullable.includes(i)))) {
      return values as (string | null)[];
    }
  } catch {
    // fall through
  }
  throw new BadRequestError('cursor is not valid; use the nextCursor of a previous page', [{ field: 'cursor', message: 'is not a cursor this API returned' }]);
}
