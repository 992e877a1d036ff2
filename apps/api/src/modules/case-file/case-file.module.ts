import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { DisputesService } from '../disputes/disputes.service.js';
import { createCaseFileRepository } from './case-file.repository.js';
import { caseFileRoutes } from './case-file.routes.js';
import { createCaseFileService } from './case-file.service.js';

/** Everything a collector needs to know before the call, in one read. */
export function createCaseFileModule(
  deps: Pick<Core, 'db' | 'clock'> & {
    disputes: Pick<DisputesService, 'present'>;
  },
): ApiModule {
  const caseFileService = createCaseFileService({
    ...deps,
    caseFiles: createCaseFileRepository(deps.db),
  });
  return {
    name: 'case-file',
    paths: ['/accounts/:id/case-file'],
    plugin: async (app) => app.register(caseFileRoutes, { caseFileService }),
  };
}
