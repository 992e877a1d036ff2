import { accountIdParamsSchema, errorResponseSchema, lintRequestSchema, lintResponseSchema, suggestedScriptSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SUPERVISORS } from '../../plugins/access.js';
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

  app.post(
    '/scripts/lint',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags: ['scripts'],
        summary: 'Compliance lint of script text: each finding with its category, span, excerpt, explanation and a lawful alternative',
        description:
          'Categories (compliance.md): arrest_or_crime, impersonation, false_legal_action, false_urgency, third_party_disclosure, insult, ' +
          'blacklist_or_relatives, borrow_to_pay, private_channel_or_fee, visit_or_violence. English and Chinese (simplified or traditional). ' +
          'The missing_disclosure rule applies to whole scripts (opening and verification steps), when a version is checked for publishing.',
        body: lintRequestSchema,
        response: { 200: lintResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request) => scriptsService.lint(request.body.text, request.body.locale),
  );
};
