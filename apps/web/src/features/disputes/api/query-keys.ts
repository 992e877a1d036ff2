/** Every query key of the disputes feature (GET /api/accounts/:id/disputes; the case file carries the same data). */
export const disputeKeys = {
  all: ['disputes'] as const,
  detail: (accountId: string) => [...disputeKeys.all, accountId] as const,
};
