import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import { createJobsRepository } from '../../jobs/jobs.repository.js';
import type { PromisesService } from '../promises/promises.service.js';
import { createImportRunsRepository } from './import-runs.repository.js';
import {
  createImportRunsService,
  IMPORT_RECOVER_JOB,
  IMPORT_RUN_JOB,
  importJobPayloadSchema,
} from './import-runs.service.js';
import type { JobTable } from '../../jobs/job-runner.js';
import { createImportsRepository } from './imports.repository.js';
import { importsRoutes } from './imports.routes.js';
import { createPaymentsImportService } from './payments-import.service.js';
import { createPortfolioImportService } from './portfolio-import.service.js';
import { createPortfolioRepository } from './portfolio.repository.js';

/**
 * CSV imports of payments and of the portfolio (customers, accounts, phone numbers), run as jobs
 * (ADR 042): `importRuns.run` is the `imports.run` job, `importRuns.recoverStale` the recurring rescue.
 */
export function createImportsModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit' | 'clock'> & {
    promises: PromisesService;
  },
): { module: ApiModule; jobs: JobTable } {
  const paymentsImport = createPaymentsImportService({
    ...deps,
    imports: createImportsRepository(deps.db),
  });
  const portfolioImport = createPortfolioImportService({
    ...deps,
    portfolio: createPortfolioRepository(deps.db),
  });
  const importRuns = createImportRunsService({
    runs: createImportRunsRepository(deps.db),
    jobs: createJobsRepository(deps.db),
    uow: deps.uow,
    paymentsImport,
    portfolioImport,
    clock: deps.clock,
  });
  return {
    jobs: {
      [IMPORT_RUN_JOB]: { handler: (payload) => importRuns.run(importJobPayloadSchema.parse(payload).importId) },
      // Every minute: an import whose worker stopped beating is queued again or failed.
      [IMPORT_RECOVER_JOB]: { cron: '* * * * *', handler: () => importRuns.recoverStale() },
    },
    module: {
      name: 'imports',
      paths: ['/imports'],
      plugin: async (app) => app.register(importsRoutes, { paymentsImport, portfolioImport, importRuns }),
    },
  };
}
