import { creditorListSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { creditorKeys } from './query-keys';

export const getCreditorsQueryOptions = () =>
  queryOptions({
    queryKey: creditorKeys.list(),
    queryFn: ({ signal }) => apiRequest('/creditors', { schema: creditorListSchema, signal }),
  });

export const useCreditors = () => useQuery(getCreditorsQueryOptions());
