import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { RollRatesService } from '../stages/roll-rates.service.js';
import { createKpiSummaryRepository } from './kpi-summary.repository.js';
import { createKpiSummaryService } from './kpi-summary.service.js';
import { createKpisRepository } from './kpis.repository.js';
import { createKpisService } from './kpis.service.js';
import { createReportsRepository } from './reports.repository.js';
import { reportsRoutes } from './reports.routes.js';
import { createReportsService } from './reports.service.js';
import { createReviewsReportRepository } from './reviews-report.repository.js';
import { createReviewsReportService } from './reviews-report.service.js';

/** Supervisors' and admins' figures: portfolio summary, KPIs (the promise-kept rate), roll rates, quality reviews. */
export function createReportsModule(
  deps: Pick<Core, 'readDb' | 'policies' | 'clock'> & {
    rollRates: RollRatesService;
  },
): ApiModule {
  const reportsService = createReportsService({
    ...deps,
    reports: createReportsRepository(deps.readDb),
  });
  // Figures read the read client (a replica when DATABASE_READ_URL is set; ADR 043).
  const kpisService = createKpisService({ kpis: createKpisRepository(deps.readDb) });
  const reviews = createReviewsReportService({ reviews: createReviewsReportRepository(deps.readDb) });
  return {
    name: 'reports',
    paths: ['/reports'],
    plugin: async (app) =>
      app.register(reportsRoutes, { reportsService, kpisService, rollRates: deps.rollRates, reviews }),
  };
}

/** The KPI report's daily summary, kept by the jobs `kpis.refresh` and `kpis.recheck` (ADR 045). */
export function createKpiSummary(deps: Pick<Core, 'db' | 'clock'>) {
  return createKpiSummaryService({ summary: createKpiSummaryRepository(deps.db), clock: deps.clock });
}
