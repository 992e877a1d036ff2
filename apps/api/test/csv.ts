import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** A CSV download's lines (byte-order mark and final newline dropped), after checking it is one. */
export function csvLines(res: LightMyRequestResponse): string[] {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('text/csv');
  return res.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
}
