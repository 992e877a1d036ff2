/** Every query key of the imports feature (GET /api/imports and /api/imports/:id). */
export const importKeys = {
  all: ['imports'] as const,
  recent: () => [...importKeys.all, 'recent'] as const,
  detail: (importId: string | null) => [...importKeys.all, 'detail', importId] as const,
};
