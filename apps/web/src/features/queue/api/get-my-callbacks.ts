import { callbacksTodayResponseSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queueKeys } from './query-keys';

/** "My callbacks today" (GET /api/queue/callbacks): the signed-in collector's pending callbacks due today. */
export const getMyCallbacksQueryOptions = () =>
  queryOptions({
    queryKey: queueKeys.callbacks(),
    queryFn: ({ signal }) => apiRequest('/queue/callbacks', { schema: callbacksTodayResponseSchema, signal }),
    // "Overdue" moves with the clock.
    refetchInterval: 60_000,
    staleTime: 15_000,
  });

export const useMyCallbacks = () => useQuery(getMyCallbacksQueryOptions());
