import type { PolicyItem } from '@crm/contracts';

/** Every query key of the policies feature (GET /api/policies, /api/policies/:kind/:key/versions). */
export const policyKeys = {
  all: ['policies'] as const,
  list: () => [...policyKeys.all, 'list'] as const,
  versions: (kind: PolicyItem['kind'], key: string) => [...policyKeys.all, 'versions', kind, key] as const,
};
