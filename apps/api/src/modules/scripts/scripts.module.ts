import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { AccountAccess } from '../accounts/account-access.js';
import { createExperimentsRepository } from './experiments.repository.js';
import { experimentsRoutes } from './experiments.routes.js';
import { createExperimentsService } from './experiments.service.js';
import { createObjectionsRepository } from './objections.repository.js';
import { createObjectionsService } from './objections.service.js';
import { createScriptLibraryRepository } from './script-library.repository.js';
import { createScriptLibraryService } from './script-library.service.js';
import { scriptsRoutes } from './scripts.routes.js';
import { createScriptsRepository } from './scripts.repository.js';
import { createScriptsService } from './scripts.service.js';

/**
 * The script library and the objection answers (admins edit, versioned), the script suggested for an
 * account's call, and champion/challenger experiments on a stage's script (ADR 056).
 */
export function createScriptsModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit' | 'policies' | 'clock'> & {
    access: AccountAccess;
  },
): ApiModule {
  const experimentsRepository = createExperimentsRepository(deps.db);
  const scriptsService = createScriptsService({
    ...deps,
    scripts: createScriptsRepository(deps.db),
    experiments: experimentsRepository,
  });
  const libraryRepository = createScriptLibraryRepository(deps.db);
  const library = createScriptLibraryService({ ...deps, library: libraryRepository });
  const experiments = createExperimentsService({
    ...deps,
    experiments: experimentsRepository,
    library: libraryRepository,
  });
  const objections = createObjectionsService({
    ...deps,
    objections: createObjectionsRepository(deps.db),
  });
  return {
    name: 'scripts',
    paths: ['/scripts', '/objections', '/accounts/:id/suggested-script', '/experiments'],
    plugin: async (app) => {
      await app.register(scriptsRoutes, { scriptsService, library, objections });
      await app.register(experimentsRoutes, { experiments });
    },
  };
}
