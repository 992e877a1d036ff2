/**
 * Constants the API and the web share that need no schema: in a module without zod, so the SPA's
 * first load (login, workstation) can use them without loading zod (ADR 054). The schemas built
 * from them live beside the other schemas; `@crm/contracts/plain` exports only zod-free modules.
 */

/** Names of the cookies and header the SPA and the API agree on. */
export const SESSION_COOKIE = 'crm_session';
export const CSRF_COOKIE = 'crm_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The largest amount a single money value may carry: 10^12 minor units (10,000,000,000.00 in a
 * two-decimal currency). Every money input is bounded by it, so no single value, and no sum of a
 * handful of them, leaves the safe-integer range. Totals over many accounts use `totalMinorSchema`.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/** Every `error.code` an API error can carry (the one error shape, errors.ts). */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'unsupported_media_type',
  'payload_too_large',
  /** An idempotency key (Idempotency-Key header, payment reference) reused with a different request. */
  'idempotency_conflict',
  'contact_not_allowed',
  /** The account is reserved by another collector right now (ADR 032). */
  'reservation_taken',
  'csrf_failed',
  'rate_limited',
  'service_unavailable',
  'internal_error',
] as const;
