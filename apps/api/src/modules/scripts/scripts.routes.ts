import { accountIdParamsSchema, errorResponseSchema, suggestedScriptSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentUser } from '../../plugins/auth.js';
import type { ScriptsService } from './scripts.service.js';

export const scriptsRoutes: FastifyPluginAsyncZod<{ scriptsService: ScriptsService }> = async (app, { scriptsService }) => {
  app.get(
    '/accounts/:id/suggested-script',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['scripts'],
        summary: "The published script for the account's stage in the customer's language, filled in, with the stage's objection answers",
        params: accountIdParamsSchema,
        response: { 200: suggestedScriptSchema, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => scriptsService.suggested(currentUser(request), request.params.id),
  );
};
