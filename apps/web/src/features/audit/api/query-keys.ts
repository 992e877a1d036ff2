/** Every query key of the audit feature (GET /api/audit-events). */
export const auditKeys = {
  all: ['audit'] as const,
  events: () => [...auditKeys.all, 'events'] as const,
  /** The filters as URL query parameters, as a string (one cache entry per search). */
  eventSearch: (filters: string) => [...auditKeys.events(), filters] as const,
};
