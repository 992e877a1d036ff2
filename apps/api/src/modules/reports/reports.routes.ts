import { errorResponseSchema, portfolioSummaryResponseSchema, type Stage } from '@crm/contracts';
import { STAGE_CODES } from '@crm/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../../lib/clock.js';
import { currentUser } from '../../plugins/auth.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { ReportsRepository } from './reports.repository.js';

export interface ReportsRoutesOptions {
  reports: ReportsRepository;
  policies: Pick<PoliciesRepository, 'stageThresholds'>;
  clock: Clock;
}

export const reportsRoutes: FastifyPluginAsyncZod<ReportsRoutesOptions> = async (app, { reports, policies, clock }) => {
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
    async (request) => {
      const now = clock.now();
      const rows = await reports.portfolioByStage(currentUser(request), await policies.stageThresholds(), now);
      return {
        asOf: now.toISOString(),
        stages: STAGE_CODES.map((stage) => {
          const ofStage = rows.filter((r) => r.stage === stage);
          return {
            stage: stage as Stage,
            accounts: ofStage.reduce((n, r) => n + Number(r.accounts), 0),
            overdue: ofStage.map((r) => ({ currency: r.currency, amountMinor: Number(r.overdue) })),
          };
        }),
      };
    },
  );
};
