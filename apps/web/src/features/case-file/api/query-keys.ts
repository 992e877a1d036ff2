/** Every query key of the case-file feature (GET /api/accounts/:id/case-file). */
export const caseFileKeys = {
  all: ['case-file'] as const,
  detail: (accountId: string) => [...caseFileKeys.all, accountId] as const,
};
