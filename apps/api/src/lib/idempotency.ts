import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level (undefined members dropped), so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * What an Idempotency-Key is bound to (ADR 009): SHA-256 of the method, the route, its
 * parameters and the validated body in canonical JSON. The same key with the same fingerprint is
 * a retry (replayed); with another fingerprint it is a different request (refused).
 */
export function requestFingerprint(request: {
  method: string;
  route: string;
  params?: unknown;
  body?: unknown;
}): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        method: request.method.toUpperCase(),
        route: request.route,
        params: request.params ?? null,
        body: request.body ?? null,
      }),
    )
    .digest('hex');
}
