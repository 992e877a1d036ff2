import { queueResponseSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queueKeys } from './query-keys';

export const getQueueQueryOptions = () =>
  queryOptions({
    queryKey: queueKeys.mine(),
    queryFn: ({ signal }) => apiRequest('/queue', { schema: queueResponseSchema, signal }),
    // The gate depends on the clock: keep the list fresh while the collector works.
    refetchInterval: 60_000,
    staleTime: 15_000,
  });

export const useQueue = () => useQuery(getQueueQueryOptions());
