import type { Tx } from '../../lib/transaction.js';
import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import type { CacheNotices } from '../../lib/cache-notices.js';
import { createPoliciesRepository } from './policies.repository.js';
import { policiesRoutes } from './policies.routes.js';
import { createPoliciesService } from './policies.service.js';

/** Versioned policies (stages, calling windows, caps, grace days): the reader every module uses, and the admin routes. */
export function createPoliciesModule(
  deps: Pick<Core, 'db' | 'uow' | 'audit'> & {
    /** Called after a new version is stored (caches built from policies drop their copies). */
    onSaved: (tx: Tx) => Promise<void>;
    /** Cross-instance invalidation of the policies in force (ADR 046). */
    notices: CacheNotices;
    cacheTtlMs: number;
  },
) {
  const policies = createPoliciesRepository(deps.db, { notices: deps.notices, ttlMs: deps.cacheTtlMs });
  const policiesService = createPoliciesService({
    policies,
    uow: deps.uow,
    audit: deps.audit,
    onSaved: deps.onSaved,
    notices: deps.notices,
  });
  const module: ApiModule = {
    name: 'policies',
    paths: ['/policies'],
    plugin: async (app) => app.register(policiesRoutes, { policiesService }),
  };
  return { module, policies };
}
