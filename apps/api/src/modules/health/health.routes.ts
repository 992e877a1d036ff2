import { healthResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ANYONE } from '../../plugins/access.js';

export interface HealthRoutesOptions {
  pingDatabase: () => Promise<void>;
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, { pingDatabase }) => {
  app.get(
    '/health',
    {
      config: { access: 'public', authz: ANYONE },
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database reachability',
        response: { 200: healthResponseSchema, 503: healthResponseSchema },
      },
    },
    async (request, reply) => {
      try {
        await pingDatabase();
        return { status: 'ok' as const, db: 'ok' as const };
      } catch (err) {
        request.log.warn({ err }, 'health check: database unreachable');
        return reply.status(503).send({ status: 'error', db: 'down', reason: 'The database cannot be reached.' });
      }
    },
  );
};
