import { errorResponseSchema, portfolioSummaryResponseSchema } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentUser } from '../../plugins/auth.js';
import type { ReportsService } from './reports.service.js';

export const reportsRoutes: FastifyPluginAsyncZod<{ reportsService: ReportsService }> = async (app, { reportsService }) => {
  app.get(
    '/reports/portfolio-summary',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['reports'],
        summary: 'Open accounts and overdue amounts per stage, within the caller’s scope',
        response: { 200: portfolioSummaryResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => reportsService.portfolioSummary(currentUser(request)),
  );
};
