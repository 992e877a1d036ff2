import {
  errorResponseSchema,
  policyBodySchema,
  policyListSchema,
  policyParamsSchema,
  policySchema,
  policyVersionListSchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, authz } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { PoliciesService } from './policies.service.js';

// Standard error statuses come from plugins/openapi.ts; 409: a conflict the database reported (lib/db-errors.ts).

export const policiesRoutes: FastifyPluginAsyncZod<{ policiesService: PoliciesService }> = async (
  app,
  { policiesService },
) => {
  app.get(
    '/policies',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['policies'],
        summary:
          'The policies in force (stage thresholds, compliance profiles, promise rules, queue weights), with their version',
        response: { 200: policyListSchema },
      },
    },
    async () => policiesService.list(),
  );
  app.get(
    '/policies/:kind/:key/versions',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['policies'],
        summary: 'Every saved version of one policy, newest first, with who saved it and when',
        params: policyParamsSchema,
        response: { 200: policyVersionListSchema },
      },
    },
    async (request) => policiesService.versions(request.params.kind, request.params.key),
  );
  app.put(
    '/policies/:kind/:key',
    {
      config: { access: ADMINS, authz: authz({ admin: 'allowed' }) },
      schema: {
        tags: ['policies'],
        summary:
          'Save a new version of a policy (validated: windows inside 00:00-24:00, caps positive, thresholds increasing...); in force at once; audited',
        params: policyParamsSchema,
        body: policyBodySchema,
        response: { 200: policySchema, 409: errorResponseSchema },
      },
    },
    async (request) =>
      policiesService.save(
        currentUser(request),
        request.params.kind,
        request.params.key,
        request.body.data,
        String(request.id),
      ),
  );
};
