/** Every query key of the scripts feature (GET /api/scripts/*, /api/objections/*, /api/accounts/:id/suggested-script). */
export const scriptKeys = {
  all: ['scripts'] as const,
  library: () => [...scriptKeys.all, 'library'] as const,
  versions: () => [...scriptKeys.all, 'version'] as const,
  version: (versionId: string | null) => [...scriptKeys.versions(), versionId] as const,
  objections: () => [...scriptKeys.all, 'objections'] as const,
  objectionVersions: (objectionId: string) => [...scriptKeys.objections(), objectionId, 'versions'] as const,
  suggestions: () => [...scriptKeys.all, 'suggested'] as const,
  suggested: (accountId: string) => [...scriptKeys.suggestions(), accountId] as const,
  /** Champion/challenger experiments (GET /api/experiments, /api/experiments/:id). */
  experiments: () => [...scriptKeys.all, 'experiments'] as const,
  experiment: (id: string) => [...scriptKeys.experiments(), id] as const,
  /** Lint answers depend on the text only: nothing a save does makes them stale. */
  lint: (locale: string, text: string) => [...scriptKeys.all, 'lint', locale, text] as const,
};
