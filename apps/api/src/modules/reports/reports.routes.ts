import {
  errorResponseSchema,
  kpiQuerySchema,
  kpiResponseSchema,
  portfolioSummaryResponseSchema,
  rollRatesQuerySchema,
  reviewsReportQuerySchema,
  reviewsReportSchema,
  rollRatesSchema,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authz, STAFF } from '../../plugins/access.js';
import { currentUser } from '../../plugins/auth.js';
import type { KpisService } from './kpis.service.js';
import type { RollRatesService } from '../stages/roll-rates.service.js';
import type { ReportsService } from './reports.service.js';
import type { ReviewsReportService } from './reviews-report.service.js';

const KPI_DEFINITIONS = [
  "Period: from and to are calendar dates in the signed-in user's time zone, both included.",
  'attempts: contact attempts started in the period.',
  'contacts: attempts where someone answered (the customer or a third party).',
  'rightPartyContacts: attempts that reached the customer.',
  'promisesMade, promisesMadeAmount: promises made in the period (each plan instalment counts).',
  'promisesDue: promises, not cancelled, due in the period. kept, partlyKept, broken: their outcome so far; pendingDue: due but not judged yet (grace days running) — never counted as broken. Promises not yet due are not counted at all.',
  'keptRateByCount = kept / (kept + partlyKept + broken); null when nothing was judged.',
  "keptRateByAmount (per currency) = money paid towards those judged promises, at most each promise's amount / their promised amount.",
  'collected: payments received in the period, net of reversals, credited to the last contact attempt on the account before the payment (last touch).',
  "Grouping: promises and payments go with the attempt that made them (its collector, the collector's team, the stage the account was in, the script version used); by day or week they go by attempt time, promise creation, due date and payment date.",
  "Scope: collectors see their own work, supervisors their teams', admins everyone's. Amounts are never added across currencies.",
].join('\n\n');

export const reportsRoutes: FastifyPluginAsyncZod<{
  reportsService: ReportsService;
  kpisService: KpisService;
  rollRates: RollRatesService;
  reviews: ReviewsReportService;
}> = async (app, { reportsService, kpisService, rollRates, reviews }) => {
  app.get(
    '/reports/portfolio-summary',
    {
      config: { access: STAFF, authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }) },
      schema: {
        tags: ['reports'],
        summary: 'Open accounts and overdue amounts per stage, within the caller’s scope',
        response: { 200: portfolioSummaryResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => reportsService.portfolioSummary(currentUser(request)),
  );

  app.get(
    '/reports/kpis',
    {
      config: { access: STAFF, authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }) },
      schema: {
        tags: ['reports'],
        summary: 'Contact and promise KPIs per collector, team, stage, script version, day or week (aggregated in SQL)',
        description: KPI_DEFINITIONS,
        querystring: kpiQuerySchema,
        response: { 200: kpiResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => kpisService.report(currentUser(request), request.query),
  );

  app.get(
    '/reports/roll-rates',
    {
      config: { access: STAFF, authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }) },
      schema: {
        tags: ['reports'],
        summary: 'Roll and cure rates per month and starting stage, from the stage history (at most 12 months)',
        description:
          'For each month (UTC) and stage: accounts in that stage when the month began; rolled = in a later stage when it ended (rollRate = rolled / accounts); ' +
          "cured = delinquent accounts back to pre-due (nothing overdue) when it ended (cureRate = cured / accounts). Accounts within the caller's scope.",
        querystring: rollRatesQuerySchema,
        response: { 200: rollRatesSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => rollRates.report(currentUser(request), request.query.from, request.query.to),
  );

  app.get(
    '/reports/reviews',
    {
      config: { access: STAFF, authz: authz({ collector: 'scoped', supervisor: 'scoped', admin: 'allowed' }) },
      schema: {
        tags: ['reports'],
        summary: 'Quality reviews per collector: attempts in the period, reviewed share, average score, coaching marks',
        description:
          "Collectors see their own attempts, supervisors their teams', admins everyone's. Dates are days in the signed-in user's time zone.",
        querystring: reviewsReportQuerySchema,
        response: { 200: reviewsReportSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => reviews.perCollector(currentUser(request), request.query.from, request.query.to),
  );
};
