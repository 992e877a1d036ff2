import { problemOfIssue, type ErrorCode, type ErrorResponse, type IssueLike } from '@crm/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { classifyDbError, type DbErrorInfo } from '../lib/db-errors.js';
import { AppError, RateLimitedError, type FieldProblems } from '../lib/errors.js';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: ErrorCode,
  message: string,
  fields?: FieldProblems,
  reasons?: { code: string; message: string; params?: Record<string, string | number> }[],
) {
  const body: ErrorResponse = {
    error: {
      code,
      message,
      requestId: String(request.id),
      // Every field problem carries a code (ADR 033): `invalid` where the thrower named none.
      ...(fields ? { fields: fields.map((f) => ({ ...f, code: f.code ?? 'invalid' })) } : {}),
      ...(reasons ? { reasons } : {}),
    },
  };
  return reply.status(status).type('application/json').send(body);
}

/** Field path of a validation issue: "/promise/amountMinor" -> "promise.amountMinor" (a key "a/b" stays "a/b"). */
function fieldName(instancePath: string, context: string | undefined, missing?: unknown): string {
  // A JSON Pointer: split on "/", then unescape each key ("~1" is "/", "~0" is "~").
  const path = instancePath
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  const name = path || (typeof missing === 'string' ? missing : '');
  return name || context || 'request';
}

/** What was validated: the body, the query string, the route params or the headers. */
function inputOf(request: FastifyRequest, context: string | undefined): unknown {
  if (context === 'body') return request.body;
  if (context === 'querystring') return request.query;
  if (context === 'params') return request.params;
  if (context === 'headers') return request.headers;
  return undefined;
}

/** Whether the value at a JSON-pointer path (its unescaped keys) was absent from the input. */
function isMissing(input: unknown, path: string[]): boolean {
  let v = input;
  for (const raw of path) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return true;
    v = (v as Record<string, unknown>)[key];
  }
  return v === undefined;
}

/**
 * The single translation of errors into responses: { error: { code, message, requestId } }.
 * 5xx details are logged, never sent.
 */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const input = inputOf(request, error.validationContext);
      const fields = error.validation.map((v) => {
        // fastify-type-provider-zod keeps the zod issue (less path, code, message) in params.
        const path = v.instancePath === '/' ? [] : v.instancePath.split('/').slice(1);
        const issue = { ...(v.params as object), code: v.keyword, message: v.message } as IssueLike;
        const { code, params } = problemOfIssue(issue, path.length > 0 && isMissing(input, path));
        return {
          field: fieldName(
            v.instancePath,
            error.validationContext,
            (v.params as { missingProperty?: unknown })?.missingProperty,
          ),
          code,
          ...(params ? { params } : {}),
          message: v.message ?? 'is invalid',
        };
      });
      const summary = fields.map((f) => `${f.field} ${f.message}`).join('; ');
      return send(
        reply,
        request,
        400,
        'validation_failed',
        `Invalid ${error.validationContext ?? 'request'}: ${summary}`,
        fields,
      );
    }
    if (error instanceof AppError) {
      // Ours, but still a fault on our side (a corrupt stored policy): the log says what, for the operator.
      if (error.statusCode === 500) request.log.error({ err: error }, error.message);
      if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
      return send(reply, request, error.statusCode, error.code, error.message, error.fields, error.reasons);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(
        reply,
        request,
        500,
        'internal_error',
        'Something went wrong on our side. The error has been logged.',
      );
    }
    const db = classifyDbError(error);
    if (db) return sendDbError(reply, request, error, db);
    const status = error.statusCode ?? 500;
    if (status === 429)
      return send(reply, request, 429, 'rate_limited', 'Too many attempts. Wait a minute and try again.');
    if (status >= 400 && status < 500) {
      // Malformed JSON, wrong content type, body too large...
      const code: ErrorCode =
        status === 404
          ? 'not_found'
          : status === 413
            ? 'payload_too_large'
            : status === 415
              ? 'unsupported_media_type'
              : 'bad_request';
      return send(reply, request, status, code, error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, 'internal_error', 'Something went wrong on our side. The error has been logged.');
  });
});

/** Seconds a client should wait before retrying when the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** A database error as the client should see it (lib/db-errors.ts says what it means). */
function sendDbError(reply: FastifyReply, request: FastifyRequest, error: unknown, db: DbErrorInfo) {
  const fieldList = (message: string, code: 'already_in_use' | 'not_found') =>
    db.fields.length ? db.fields.map((field) => ({ field, code, message })) : undefined;
  switch (db.kind) {
    case 'unique': {
      const what = db.fields.length ? db.fields.join(', ') : 'this value';
      return send(
        reply,
        request,
        409,
        'conflict',
        `A record with the same ${what} already exists.`,
        fieldList('is already in use', 'already_in_use'),
      );
    }
    case 'missing_reference': {
      const fields = fieldList('does not exist', 'not_found');
      return fields
        ? send(reply, request, 400, 'validation_failed', `${db.fields.join(', ')} does not exist.`, fields)
        : send(reply, request, 400, 'bad_request', 'The request refers to a record that does not exist.');
    }
    case 'not_found':
      return send(reply, request, 404, 'not_found', 'The record does not exist (any more).');
    case 'retry':
      request.log.info({ err: error, code: db.code }, 'write conflict');
      reply.header('retry-after', '1');
      return send(
        reply,
        request,
        409,
        'conflict',
        'Someone else changed the same record at the same moment; nothing was saved. Try again.',
      );
    case 'invalid_value':
      request.log.info({ err: error, code: db.code }, 'value refused by the database');
      return send(
        reply,
        request,
        400,
        'bad_request',
        'A value in the request cannot be stored (out of range or malformed).',
      );
    case 'unavailable':
      request.log.warn({ err: error, code: db.code }, 'database unavailable');
      reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      return send(
        reply,
        request,
        503,
        'service_unavailable',
        `The database is not reachable right now. Try again in ${UNAVAILABLE_RETRY_AFTER_SECONDS} seconds.`,
      );
    default: {
      const unknownKind: never = db.kind;
      throw new Error(`unhandled database error kind ${String(unknownKind)}`);
    }
  }
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, request, 404, 'not_found', `No API route ${request.method} ${request.url.split('?')[0]}.`);
}
