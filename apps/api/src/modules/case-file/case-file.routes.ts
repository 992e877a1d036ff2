import { accountIdParamsSchema, caseFileSchema, errorResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { audited } from '../../plugins/audit.js';
import { authz, STAFF } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { CaseFileService } from './case-file.service.js';

export const caseFileRoutes: FastifyPluginAsyncZod<{ caseFileService: CaseFileService }> = async (
  app,
  { caseFileService },
) => {
  app.get(
    '/accounts/:id/case-file',
    {
      config: {
        access: STAFF,
        authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }),
        // The account and the customer's other accounts shown beside it; refusals too.
        audit: audited(caseFileSchema, {
          action: 'case_file.view',
          accounts: (c) => [c.account.id, ...c.otherAccounts.map((a) => a.id)],
        }),
      },
      schema: {
        tags: ['accounts'],
        summary: 'Everything to know before the call; the view (and a refused one) is audit-logged',
        params: accountIdParamsSchema,
        response: {
          200: caseFileSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => caseFileService.get(currentUser(request), request.params.id),
  );
};
