import type { ErrorCode, FieldProblemInput } from '@crm/contracts';

/** A field problem: field, English message, and the code with params where known (ADR 033). */
export type FieldProblems = FieldProblemInput[];

/** Errors thrown deep in the code; plugins/error-handler.ts turns them into responses. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    message: string,
    readonly fields?: FieldProblems,
    readonly reasons?: { code: string; message: string; params?: Record<string, string | number> }[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, fields?: FieldProblems) {
    super(fields ? 'validation_failed' : 'bad_request', 400, message, fields);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'You need to sign in.') {
    super('unauthenticated', 401, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this.') {
    super('forbidden', 403, message);
  }
}
export class CsrfError extends AppError {
  constructor() {
    super('csrf_failed', 403, 'The request did not carry a valid CSRF token. Reload the page and try again.');
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super('not_found', 404, message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, fields?: FieldProblems) {
    super('conflict', 409, message, fields);
  }
}

/**
 * An idempotency key (an Idempotency-Key header: 422; a payment's source and reference: 409)
 * reused for a request that differs from the one it was first used with. Nothing is written.
 */
export class IdempotencyConflictError extends AppError {
  constructor(status: 409 | 422, message: string, fields: FieldProblems) {
    super('idempotency_conflict', status, message, fields);
  }
}

/** The request body is not in a format the route reads (e.g. JSON sent to a CSV upload). */
export class UnsupportedMediaTypeError extends AppError {
  constructor(expected: readonly string[]) {
    super('unsupported_media_type', 415, `Content-Type must be one of ${expected.join(', ')}.`, [
      {
        field: 'content-type',
        code: 'not_one_of',
        params: { options: expected.join(', ') },
        message: `must be one of ${expected.join(', ')}`,
      },
    ]);
  }
}

/**
 * A compliance profile saved looser than the law allows (a wider window, a looser cap, a shorter
 * quiet period, a missing mandatory stop flag): each field is named with the rule it breaks.
 */
export class PolicyBelowFloorError extends AppError {
  constructor(profile: string, problems: { field: string; rule: string; message: string }[]) {
    super(
      'validation_failed',
      400,
      `The ${profile} profile would be below the law: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`,
      problems.map((p) => ({
        field: `data.${p.field}`,
        code: 'below_legal_floor' as const,
        params: { rule: p.rule },
        message: p.message,
      })),
      problems.map((p) => ({
        code: 'below_statutory_floor',
        message: p.message,
        params: { field: `data.${p.field}`, rule: p.rule },
      })),
    );
  }
}

/** Too many attempts; the client may try again after `retryAfterSeconds` (sent as Retry-After). */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', 429, message);
  }
}

/** The contact gate refused the attempt; every reason is listed. */
export class ContactNotAllowedError extends AppError {
  constructor(message: string, reasons: { code: string; message: string; params?: Record<string, string | number> }[]) {
    super('contact_not_allowed', 409, message, undefined, reasons);
  }
}

/** Another collector holds the account's reservation right now (ADR 032); `until` says how long. */
export class ReservationTakenError extends AppError {
  constructor(until: Date) {
    super(
      'reservation_taken',
      409,
      `Another collector has reserved this account until ${until.toISOString()}.`,
      undefined,
      [
        {
          code: 'reservation_taken',
          message: `Another collector has reserved this account until ${until.toISOString()}.`,
          params: { until: until.toISOString() },
        },
      ],
    );
  }
}

/** Something the request depends on (the database, the audit trail) is not available now; retry later. */
export class ServiceUnavailableError extends AppError {
  constructor(message: string) {
    super('service_unavailable', 503, message);
  }
}

/**
 * A stored policy does not pass its own schema (written outside the API, or by an older version
 * with other rules). Never replaced by a default: the rules it carries would silently change. The
 * operator must save a valid version (ADR 016); until then what depends on it answers 500, naming
 * the policy, and the log has the problems.
 */
export class PolicyInvalidError extends AppError {
  constructor(
    readonly policy: { kind: string; key: string; version: number },
    readonly problems: { field: string; message: string }[],
  ) {
    super(
      'internal_error',
      500,
      `The stored policy ${policy.kind}/${policy.key} (version ${policy.version}) is not valid; ` +
        'an admin must save a valid version of it on the Policies screen.',
    );
  }
}
