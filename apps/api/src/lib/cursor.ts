import { z } from 'zod';
import { BadRequestError } from './errors.js';

/** Keyset cursors: the sort key of the last row of a page, opaque to clients (base64url JSON). */
export function encodeCursor(values: readonly (string | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Decodes a cursor whose values must match `shape` (the same field schemas the sort key has,
 * e.g. `z.tuple([isoDateTimeSchema, uuidSchema])`), so a forged cursor is a 400 naming `cursor`,
 * never a value the database refuses.
 */
export function decodeCursor<T extends z.ZodTuple>(raw: string, shape: T): z.infer<T> {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const parsed = shape.safeParse(values);
  if (parsed.success) return parsed.data;
  throw new BadRequestError('cursor is not valid; use the nextCursor of a previous page', [
    { field: 'cursor', message: 'is not a cursor this API returned' },
  ]);
}
