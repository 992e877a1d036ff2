import { errorResponseSchema, listAccountsQuerySchema, listAccountsResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { audited } from '../../plugins/audit.js';
import { authz, STAFF } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { AccountsService } from './accounts.service.js';

export const accountsRoutes: FastifyPluginAsyncZod<{ accountsService: AccountsService }> = async (
  app,
  { accountsService },
) => {
  app.get(
    '/accounts',
    {
      config: {
        access: STAFF,
        authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }),
        // A search's text and the accounts it returned.
        audit: audited(listAccountsResponseSchema, {
          action: 'accounts.list',
          accounts: (page) => page.items.map((a) => a.id),
        }),
      },
      schema: {
        tags: ['accounts'],
        summary: 'Accounts the caller may see (collector: assigned; supervisor: team; admin: all), most overdue first',
        querystring: listAccountsQuerySchema,
        response: { 200: listAccountsResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => accountsService.list(currentUser(request), request.query),
  );
};
