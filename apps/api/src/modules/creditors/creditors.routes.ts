import { creditorListSchema, errorResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SUPERVISORS, authz } from '../../plugins/access.js';
import type { CreditorsService } from './creditors.service.js';

export const creditorsRoutes: FastifyPluginAsyncZod<{ creditorsService: CreditorsService }> = async (
  app,
  { creditorsService },
) => {
  app.get(
    '/creditors',
    {
      config: { access: SUPERVISORS, authz: authz({ supervisor: 'allowed', admin: 'allowed' }) },
      schema: {
        tags: ['accounts'],
        summary: 'Creditors whose portfolios we collect, with their open accounts (for filters and bulk assignment)',
        response: { 200: creditorListSchema, 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async () => creditorsService.list(),
  );
};
