import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { AccountAccess } from '../accounts/account-access.js';
import { createObjectionsRepository } from './objections.repository.js';
import { createObjectionsService } from './objections.service.js';
import { createScriptLibraryRepository } from './script-library.repository.js';
import { createScriptLibraryService } from './script-library.service.js';
import { scriptsRoutes } from './scripts.routes.js';
import { createScriptsRepository } from './scripts.repository.js';
import { createScriptsService } from './scripts.service.js';

/** The script library and the objection answers (admins edit, versioned), and the script suggested for an account's call. */
export function createScriptsModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit' | 'policies' | 'clock'> & {
    access: AccountAccess;
  },
): ApiModule {
  const scriptsService = createScriptsService({
    ...deps,
    scripts: createScriptsRepository(deps.db),
  });
  const library = createScriptLibraryService({
    ...deps,
    library: createScriptLibraryRepository(deps.db),
  });
  const objections = createObjectionsService({
    ...deps,
    objections: createObjectionsRepository(deps.db),
  });
  return {
    name: 'scripts',
    paths: ['/scripts', '/objections', '/accounts/:id/suggested-script'],
    plugin: async (app) => app.register(scriptsRoutes, { scriptsService, library, objections }),
  };
}
