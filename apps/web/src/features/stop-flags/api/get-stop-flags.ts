import { stopFlagListSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { stopFlagKeys } from './query-keys';

export const getStopFlagsQueryOptions = (accountId: string) =>
  queryOptions({
    queryKey: stopFlagKeys.list(accountId),
    queryFn: ({ signal }) => apiRequest(`/accounts/${accountId}/stop-flags`, { schema: stopFlagListSchema, signal }),
  });

export const useStopFlags = (accountId: string) => useQuery(getStopFlagsQueryOptions(accountId));
