import type { Core } from '../core.js';
import type { ApiModule } from '../../lib/api-module.js';
import { createAuditRepository } from './audit.repository.js';
import { auditRoutes } from './audit.routes.js';
import { createAuditService } from './audit.service.js';

/** The audit trail: what every other module writes to (`audit`), and the routes that read it. */
export function createAuditModule({ db }: Pick<Core, 'db'>) {
  const audit = createAuditRepository(db);
  const module: ApiModule = {
    name: 'audit',
    paths: ['/audit-events'],
    plugin: async (app) => app.register(auditRoutes, { auditService: createAuditService({ audit }) }),
  };
  return { module, audit };
}
