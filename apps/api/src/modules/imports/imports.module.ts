import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { PromisesService } from '../promises/promises.service.js';
import { createImportProgressRegistry } from './import-progress.js';
import { createImportsRepository } from './imports.repository.js';
import { importsRoutes } from './imports.routes.js';
import { createPaymentsImportService } from './payments-import.service.js';
import { createPortfolioImportService } from './portfolio-import.service.js';
import { createPortfolioRepository } from './portfolio.repository.js';

/** CSV imports of payments and of the portfolio (customers, accounts, phone numbers), streamed, with progress. */
export function createImportsModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit' | 'clock'> & {
    promises: PromisesService;
  },
): ApiModule {
  const paymentsImport = createPaymentsImportService({
    ...deps,
    imports: createImportsRepository(deps.db),
  });
  const portfolioImport = createPortfolioImportService({
    ...deps,
    portfolio: createPortfolioRepository(deps.db),
  });
  const progress = createImportProgressRegistry(deps.clock);
  return {
    name: 'imports',
    paths: ['/imports'],
    plugin: async (app) => app.register(importsRoutes, { paymentsImport, portfolioImport, progress }),
  };
}
