import { queueResponseSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queueKeys } from './query-keys';

/**
 * Today's queue (GET /api/queue): the signed-in collector's own, or with `collectorId` the queue of
 * a collector of the supervisor's teams (admins: any collector), read-only.
 */
export const getQueueQueryOptions = (collectorId?: string) =>
  queryOptions({
    queryKey: queueKeys.of(collectorId),
    queryFn: ({ signal }) =>
      apiRequest(collectorId ? `/queue?${new URLSearchParams({ collectorId })}` : '/queue', {
        schema: queueResponseSchema,
        signal,
      }),
    // The gate depends on the clock: keep the list fresh while the collector works.
    refetchInterval: 60_000,
    staleTime: 15_000,
  });

export const useQueue = (collectorId?: string) => useQuery(getQueueQueryOptions(collectorId));
