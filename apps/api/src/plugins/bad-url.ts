import type { ErrorResponse } from '@crm/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Fastify's `frameworkErrors`: the router could not decode the URL (bad percent-encoding such as
 * `%E0%A4%A`, or a path segment over the router's length limit), so no route, hook or error
 * handler runs. Answer 400 with the one error shape instead of Fastify's own body.
 */
export function answerUndecodableUrl(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A part of the URL path is too long.'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'The URL is not validly percent-encoded.'
        : 'The URL could not be read.';
  const body: ErrorResponse = { error: { code: 'bad_request', message, requestId: String(request.id) } };
  request.log.info({ code: error.code }, 'undecodable URL');
  return reply.status(400).header('x-request-id', String(request.id)).type('application/json').send(body);
}
