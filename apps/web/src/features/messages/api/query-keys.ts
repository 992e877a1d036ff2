/** Every query key of the messages feature (GET /api/messages). */
export const messageKeys = {
  all: ['messages'] as const,
  log: () => [...messageKeys.all, 'log'] as const,
};
