/** Every query key of the queue feature (GET /api/queue: the signed-in collector's queue; /queue/callbacks: their callbacks today). */
export const queueKeys = {
  all: ['queue'] as const,
  mine: () => [...queueKeys.all, 'mine'] as const,
  callbacks: () => [...queueKeys.all, 'callbacks'] as const,
};
