/** Every query key of the queue feature (GET /api/queue: the signed-in collector's queue). */
export const queueKeys = {
  all: ['queue'] as const,
  mine: () => [...queueKeys.all, 'mine'] as const,
};
