import {
  amendPromiseBodySchema,
  cancelPromiseBodySchema,
  errorResponseSchema,
  promiseChangeResultSchema,
  promiseParamsSchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { STAFF, authz } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { PromiseChangesService } from './promises.service.js';

const SCOPED_STAFF = authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' });
const responses = {
  200: promiseChangeResultSchema,
  400: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};

export const promisesRoutes: FastifyPluginAsyncZod<{ changes: PromiseChangesService }> = async (app, { changes }) => {
  app.patch(
    '/accounts/:id/promises/:promiseId',
    {
      config: { access: STAFF, authz: SCOPED_STAFF },
      schema: {
        tags: ['promises'],
        summary: 'Amend a pending promise (new amount, due date or channel), with a reason',
        description:
          'A new pending promise with the new terms supersedes this one (its terms and history stay as they were). ' +
          'The new terms are checked as a new promise is. Audited with who and why. A promise no longer pending: 409; ' +
          'two amends at once: one wins, the other gets 409.',
        params: promiseParamsSchema,
        body: amendPromiseBodySchema,
        response: responses,
      },
    },
    async (request) =>
      changes.amend(
        currentUser(request),
        request.params.id,
        request.params.promiseId,
        request.body,
        String(request.id),
      ),
  );

  app.post(
    '/accounts/:id/promises/:promiseId/cancel',
    {
      config: { access: STAFF, authz: SCOPED_STAFF },
      schema: {
        tags: ['promises'],
        summary: 'Cancel a pending promise, with a reason',
        description:
          'Audited with who and why, in its history. A promise no longer pending (judged, superseded, cancelled): 409.',
        params: promiseParamsSchema,
        body: cancelPromiseBodySchema,
        response: responses,
      },
    },
    async (request) =>
      changes.cancel(
        currentUser(request),
        request.params.id,
        request.params.promiseId,
        request.body,
        String(request.id),
      ),
  );
};
