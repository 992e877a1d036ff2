import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import { createCreditorsRepository } from './creditors.repository.js';
import { creditorsRoutes } from './creditors.routes.js';
import { createCreditorsService } from './creditors.service.js';

/** The creditors whose accounts are worked. */
export function createCreditorsModule({ db }: Pick<Core, 'db'>): ApiModule {
  const creditorsService = createCreditorsService({ creditors: createCreditorsRepository(db) });
  return {
    name: 'creditors',
    paths: ['/creditors'],
    plugin: async (app) => app.register(creditorsRoutes, { creditorsService }),
  };
}
