/** Every query key of the creditors feature (GET /api/creditors). */
export const creditorKeys = {
  all: ['creditors'] as const,
  list: () => [...creditorKeys.all, 'list'] as const,
};
