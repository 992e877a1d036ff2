/** Every query key of the imports feature (GET /api/imports/progress/:id). */
export const importKeys = {
  all: ['imports'] as const,
  progress: (importId: string | null) => [...importKeys.all, 'progress', importId] as const,
};
