import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import { createHealthRepository } from './health.repository.js';
import { healthRoutes } from './health.routes.js';

/** Liveness and database reachability. */
export function createHealthModule({ db }: Pick<Core, 'db'>): ApiModule {
  const health = createHealthRepository(db);
  return {
    name: 'health',
    paths: ['/health'],
    plugin: async (app) => app.register(healthRoutes, { pingDatabase: health.ping }),
  };
}
