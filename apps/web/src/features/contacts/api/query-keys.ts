/** Every query key of the contacts feature (the contact log, GET /api/contacts). */
export const contactKeys = {
  all: ['contacts'] as const,
  logs: () => [...contactKeys.all, 'log'] as const,
  /** The filters as URL query parameters, as a string (one cache entry per filter set). */
  log: (filters: string) => [...contactKeys.logs(), filters] as const,
};
