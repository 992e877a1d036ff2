/** Every query key of the queue feature (GET /api/queue: the signed-in collector's queue, or a collector's for a supervisor; /queue/callbacks: their callbacks today). */
export const queueKeys = {
  all: ['queue'] as const,
  mine: () => [...queueKeys.all, 'mine'] as const,
  /** A collector's queue as their supervisor (or an admin) sees it. */
  ofCollector: (collectorId: string) => [...queueKeys.all, 'collector', collectorId] as const,
  /** The signed-in collector's own queue, or with `collectorId` that collector's. */
  of: (collectorId?: string) => (collectorId ? queueKeys.ofCollector(collectorId) : queueKeys.mine()),
  /** One list (callable or blocked) of the signed-in collector's queue, or with `collectorId` that collector's. */
  list: (list: 'callable' | 'blocked', collectorId?: string) => [...queueKeys.of(collectorId), list] as const,
  callbacks: () => [...queueKeys.all, 'callbacks'] as const,
  /** GET /api/queue/reservation: the collector's reservation (ADR 032). */
  reservation: () => [...queueKeys.all, 'reservation'] as const,
};
