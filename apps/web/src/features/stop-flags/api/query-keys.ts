/** Every query key of the stop-flags feature (GET /api/accounts/:id/stop-flags). */
export const stopFlagKeys = {
  all: ['stop-flags'] as const,
  list: (accountId: string) => [...stopFlagKeys.all, accountId] as const,
};
