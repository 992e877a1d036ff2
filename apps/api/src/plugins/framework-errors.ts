import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorResponse } from '@crm/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

// Errors raised before any route, hook or error handler runs. Both answer with the one error
// shape instead of Fastify's own body, so a client never meets a second format.

/**
 * Fastify's `frameworkErrors`: the router could not decode the URL (bad percent-encoding such as
 * `%E0%A4%A`, or a path segment over the router's length limit). 400.
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
  // Sent before any hook runs, so the headers the hooks would add are set here.
  return reply
    .status(400)
    .header('x-request-id', String(request.id))
    .header('cache-control', 'no-store')
    .type('application/json')
    .send(body);
}

/**
 * Fastify's `clientErrorHandler`: Node could not parse the request at all (request line and
 * headers over Node's 16 KB limit: 431; too slow: 408; not HTTP: 400). There is no request
 * object, so the answer is written to the socket, which is then closed, as Fastify does.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request line and headers are larger than the server accepts (16 KB).']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive.']
        : [400, 'The request is not valid HTTP.'];
  const requestId = randomUUID();
  const body = JSON.stringify({ error: { code: 'bad_request', message, requestId } } satisfies ErrorResponse);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
