import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import { createScriptsRepository } from '../scripts/scripts.repository.js';
import { practiceRoutes } from './practice.routes.js';
import { createPracticeRepository } from './practice.repository.js';
import { createPracticeService } from './practice.service.js';

/** Practice mode (issue 17, ADR 057): the scenario library and practice sessions on synthetic facts. */
export function createPracticeModule(deps: Pick<Core, 'db' | 'uow' | 'audit' | 'clock'>): ApiModule {
  const practice = createPracticeService({
    ...deps,
    practice: createPracticeRepository(deps.db),
    // The published script and the objection answers, read as the workstation reads them.
    scripts: createScriptsRepository(deps.db),
  });
  return {
    name: 'practice',
    paths: ['/practice'],
    plugin: async (app) => app.register(practiceRoutes, { practice }),
  };
}
