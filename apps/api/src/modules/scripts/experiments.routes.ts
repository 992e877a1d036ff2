import {
  createExperimentBodySchema,
  errorResponseSchema,
  experimentDetailSchema,
  experimentIdParamsSchema,
  experimentListSchema,
  promoteExperimentBodySchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, authz, SUPERVISORS } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { ExperimentsService } from './experiments.service.js';

/** Champion/challenger experiments (ADR 056): admins set them up, start, stop and promote; supervisors read results. */
export const experimentsRoutes: FastifyPluginAsyncZod<{ experiments: ExperimentsService }> = async (
  app,
  { experiments },
) => {
  // 409: another experiment runs on the stage and language, or the experiment moved meanwhile.
  const conflict = { 409: errorResponseSchema };
  const read = { access: SUPERVISORS, authz: authz({ supervisor: 'allowed', admin: 'allowed' }) };
  const write = { access: ADMINS, authz: authz({ admin: 'allowed' }) };

  app.get(
    '/experiments',
    {
      config: read,
      schema: {
        tags: ['experiments'],
        summary: 'Champion/challenger experiments, newest first',
        response: { 200: experimentListSchema },
      },
    },
    async () => experiments.list(),
  );

  app.get(
    '/experiments/:experimentId',
    {
      config: read,
      schema: {
        tags: ['experiments'],
        summary:
          "An experiment with live results per variant: attempts, right-party contacts, promise and kept rates with 95% Wilson intervals, money per currency, and each challenger's verdict (two-proportion z-test)",
        params: experimentIdParamsSchema,
        response: { 200: experimentDetailSchema },
      },
    },
    async (request) => experiments.get(request.params.experimentId),
  );

  app.post(
    '/experiments',
    {
      config: write,
      schema: {
        tags: ['experiments'],
        summary:
          'Set up a draft experiment: the published champion and challengers that pass the publication rules, with shares adding up to 100; audited',
        body: createExperimentBodySchema,
        response: { 201: experimentDetailSchema, ...conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await experiments.create(currentUser(request), request.body, String(request.id))),
  );

  for (const action of ['start', 'stop'] as const)
    app.post(
      `/experiments/:experimentId/${action}`,
      {
        config: write,
        schema: {
          tags: ['experiments'],
          summary:
            action === 'start'
              ? 'Start a draft experiment (at most one runs per stage and language); audited'
              : 'Stop a running experiment (its results stay readable); audited',
          params: experimentIdParamsSchema,
          response: { 200: experimentDetailSchema, ...conflict },
        },
      },
      async (request) => experiments[action](currentUser(request), request.params.experimentId, String(request.id)),
    );

  app.post(
    '/experiments/:experimentId/promote',
    {
      config: write,
      schema: {
        tags: ['experiments'],
        summary:
          "End the experiment with a winner: a challenger's version is published (the champion archived); audited",
        params: experimentIdParamsSchema,
        body: promoteExperimentBodySchema,
        response: { 200: experimentDetailSchema, ...conflict },
      },
    },
    async (request) =>
      experiments.promote(
        currentUser(request),
        request.params.experimentId,
        request.body.variantId,
        String(request.id),
      ),
  );
};
