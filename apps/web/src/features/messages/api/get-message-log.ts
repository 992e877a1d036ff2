import { messageLogResponseSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { messageKeys } from './query-keys';

export const getMessageLogQueryOptions = () =>
  queryOptions({
    queryKey: messageKeys.log(),
    queryFn: ({ signal }) => apiRequest('/messages', { schema: messageLogResponseSchema, signal }),
    refetchInterval: 30_000,
  });

export const useMessageLog = () => useQuery(getMessageLogQueryOptions());
