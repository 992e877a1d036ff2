import type { CallbacksTodayResponse } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queueKeys } from './query-keys';

/**
 * "My callbacks today" (GET /api/queue/callbacks): the signed-in collector's pending callbacks due today.
 * Typed by the contract but not parsed with zod, like the queue (ADR 050): it is read on /work's
 * first load, which carries no zod (ADR 054); the API checks every answer against the same schema.
 */
export const getMyCallbacksQueryOptions = () =>
  queryOptions({
    queryKey: queueKeys.callbacks(),
    queryFn: ({ signal }) => apiRequest<CallbacksTodayResponse>('/queue/callbacks', { signal }),
    // "Overdue" moves with the clock.
    refetchInterval: 60_000,
    staleTime: 15_000,
  });

export const useMyCallbacks = () => useQuery(getMyCallbacksQueryOptions());
