import type { ErrorCode, ErrorResponse } from '@crm/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: ErrorCode,
  message: string,
  fields?: { field: string; message: string }[],
  reasons?: { code: string; message: string; params?: Record<string, string | number> }[],
) {
  const body: ErrorResponse = { error: { code, message, requestId: String(request.id), ...(fields ? { fields } : {}), ...(reasons ? { reasons } : {}) } };
  return reply.status(status).type('application/json').send(body);
}

/** Field path of a validation issue: "/promise/amountMinor" -> "promise.amountMinor". */
function fieldName(instancePath: string, context: string | undefined, missing?: unknown): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  const name = path || (typeof missing === 'string' ? missing : '');
  return name || context || 'request';
}

/**
 * The single translation of errors into responses: { error: { code, message, requestId } }.
 * 5xx details are logged, never sent.
 */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({
        field: fieldName(v.instancePath, error.validationContext, (v.params as { missingProperty?: unknown })?.missingProperty),
        message: v.message ?? 'is invalid',
      }));
      const summary = fields.map((f) => `${f.field} ${f.message}`).join('; ');
      return send(reply, request, 400, 'validation_failed', `Invalid ${error.validationContext ?? 'request'}: ${summary}`, fields);
    }
    if (error instanceof AppError) {
      return send(reply, request, error.statusCode, error.code, error.message, error.fields, error.reasons);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(reply, request, 500, 'internal_error', 'Something went wrong on our side. The error has been logged.');
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return send(reply, request, 429, 'rate_limited', 'Too many attempts. Wait a minute and try again.');
    if (status >= 400 && status < 500) {
      // Malformed JSON, wrong content type, body too large...
      return send(reply, request, status, status === 404 ? 'not_found' : 'bad_request', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, 'internal_error', 'Something went wrong on our side. The error has been logged.');
  });
});

export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, request, 404, 'not_found', `No API route ${request.method} ${request.url.split('?')[0]}.`);
}
