import {
  accountIdParamsSchema,
  clearStopFlagBodySchema,
  endCrisisBodySchema,
  setStopFlagBodySchema,
  stopFlagListSchema,
  stopFlagParamsSchema,
  stopFlagWriteResultSchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authz, STAFF, SUPERVISORS } from '../../plugins/access.js';
import { audited } from '../../plugins/audit.js';
import { currentUser } from '../../plugins/auth.js';
import type { StopFlagsService } from './stop-flags.service.js';

const SCOPED_STAFF = authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' });
const SCOPED_SUPERVISORS = authz({ supervisor: 'scoped', admin: 'allowed' });

export const stopFlagsRoutes: FastifyPluginAsyncZod<{ stopFlagsService: StopFlagsService }> = async (
  app,
  { stopFlagsService },
) => {
  app.get(
    '/accounts/:id/stop-flags',
    {
      config: {
        access: STAFF,
        authz: SCOPED_STAFF,
        audit: audited(stopFlagListSchema, { action: 'stop_flags.view' }),
      },
      schema: {
        tags: ['stop-flags'],
        summary: "The account's and its customer's stop flags with their history: active, expired and cleared",
        description:
          'Who set each, when and on what evidence, its review or expiry date; who cleared it, when and why.',
        params: accountIdParamsSchema,
        response: { 200: stopFlagListSchema },
      },
    },
    async (request) => stopFlagsService.list(currentUser(request), request.params.id),
  );

  app.post(
    '/accounts/:id/stop-flags',
    {
      config: { access: STAFF, authz: SCOPED_STAFF },
      schema: {
        tags: ['stop-flags'],
        summary: 'Set a stop flag outside a call, with the evidence seen or received',
        description:
          'Its expiry and review date follow the domain rule (UK breathing space: 60 days beginning with the start date the debt adviser gave; mental-health crisis: until the treatment ends, plus 30 days). Audited; the contact gate honours it at once in the queue, the case file, outcome recording and reminders.',
        params: accountIdParamsSchema,
        body: setStopFlagBodySchema,
        response: { 201: stopFlagWriteResultSchema },
      },
    },
    async (request, reply) => {
      const flag = await stopFlagsService.set(
        currentUser(request),
        request.params.id,
        request.body,
        String(request.id),
      );
      return reply.code(201).send(flag);
    },
  );

  app.post(
    '/accounts/:id/stop-flags/:flagId/clear',
    {
      config: { access: SUPERVISORS, authz: SCOPED_SUPERVISORS },
      schema: {
        tags: ['stop-flags'],
        summary: 'Lift a stop flag, with a reason (supervisors and admins)',
        description: 'Audited. A flag already cleared or expired: 409; two at once: one clears, the other gets 409.',
        params: stopFlagParamsSchema,
        body: clearStopFlagBodySchema,
        response: { 200: stopFlagWriteResultSchema },
      },
    },
    async (request) =>
      stopFlagsService.clear(
        currentUser(request),
        request.params.id,
        request.params.flagId,
        request.body,
        String(request.id),
      ),
  );

  app.post(
    '/accounts/:id/stop-flags/:flagId/crisis-end',
    {
      config: { access: SUPERVISORS, authz: SCOPED_SUPERVISORS },
      schema: {
        tags: ['stop-flags'],
        summary: 'Record the day a mental-health crisis treatment ended (supervisors and admins)',
        description: 'The flag then expires 30 days after that day (the customer calendar). Audited.',
        params: stopFlagParamsSchema,
        body: endCrisisBodySchema,
        response: { 200: stopFlagWriteResultSchema },
      },
    },
    async (request) =>
      stopFlagsService.endCrisis(
        currentUser(request),
        request.params.id,
        request.params.flagId,
        request.body,
        String(request.id),
      ),
  );
};
