import { errorResponseSchema, postPaymentBodySchema, postPaymentResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authz } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { PaymentsService } from './payments.service.js';

export const paymentsRoutes: FastifyPluginAsyncZod<{ paymentsService: PaymentsService }> = async (
  app,
  { paymentsService },
) => {
  app.post(
    '/payments',
    {
      config: { access: ['admin', 'service'], authz: authz({ admin: 'allowed', service: 'allowed' }) },
      schema: {
        tags: ['payments'],
        summary: 'Post a payment or a reversal; promises of the account are re-judged at once',
        description:
          'Idempotent per (source, reference): posting the same payment again returns the first record (200); the same reference with a different ' +
          'account, amount, currency, paidAt, channel or reversalOfId is refused with 409 idempotency_conflict naming each field. ' +
          'Payments to one account are recorded one at a time; reversing a payment that is already reversed is 409.',
        body: postPaymentBodySchema,
        response: {
          200: postPaymentResponseSchema,
          201: postPaymentResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
          409: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { replayed, result } = await paymentsService.post(currentUser(request), request.body, String(request.id));
      return reply.status(replayed ? 200 : 201).send(result);
    },
  );
};
