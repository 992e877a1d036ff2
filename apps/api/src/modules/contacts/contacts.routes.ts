import {
  accountIdParamsSchema,
  errorResponseSchema,
  recordContactBodySchema,
  recordContactResponseSchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestFingerprint } from '../../lib/idempotency.js';
import { authz, STAFF } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { ContactsService } from './contacts.service.js';

export const contactsRoutes: FastifyPluginAsyncZod<{ contactsService: ContactsService }> = async (
  app,
  { contactsService },
) => {
  app.post(
    '/accounts/:id/contacts',
    {
      config: { access: STAFF, authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }) },
      schema: {
        tags: ['contacts'],
        summary: 'Record a contact attempt and what it produced (promise, plan, callback, flag), atomically',
        description:
          'Send an Idempotency-Key header to make retries safe: the same key with the same request returns the first result (200) instead of recording twice; ' +
          'the same key with a different request (another account or body) is refused with 422 idempotency_conflict. ' +
          'Refused with 409 contact_not_allowed and every reason when the contact gate forbids the attempt, unless an allowed override is given.',
        params: accountIdParamsSchema,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        body: recordContactBodySchema,
        response: {
          200: recordContactResponseSchema,
          201: recordContactResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
          409: errorResponseSchema,
          422: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { replayed, result } = await contactsService.record(currentUser(request), request.params.id, request.body, {
        idempotencyKey: request.headers['idempotency-key'] ?? null,
        fingerprint: requestFingerprint({
          method: request.method,
          route: request.routeOptions.url ?? request.url,
          params: request.params,
          body: request.body,
        }),
        requestId: String(request.id),
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(result);
    },
  );
};
