import { assignmentBodySchema, assignmentResultSchema, errorResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, authz } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { AssignmentService } from './assignment.service.js';

const responses = {
  200: assignmentResultSchema,
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
};
const DESCRIPTION =
  'filter: stage (derived from dates), creditorId, fromTeamId (accounts now assigned to that team), unassignedOnly; open accounts only. ' +
  'to: { collectorId } or { teamId } (dealt evenly to its active collectors, oldest unpaid first).';

export const assignmentRoutes: FastifyPluginAsyncZod<{ assign: AssignmentService }> = async (app, { assign }) => {
  app.post(
    '/accounts/assignments/preview',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['accounts'],
        summary: 'Preview a bulk assignment: how many accounts would go to each collector',
        description: DESCRIPTION,
        body: assignmentBodySchema,
        response: responses,
      },
    },
    async (request) => assign(currentUser(request), request.body, false, String(request.id)),
  );
  app.post(
    '/accounts/assignments',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['accounts'],
        summary: 'Assign accounts in bulk (one statement; audited)',
        description: DESCRIPTION,
        body: assignmentBodySchema,
        response: responses,
      },
    },
    async (request) => assign(currentUser(request), request.body, true, String(request.id)),
  );
};
