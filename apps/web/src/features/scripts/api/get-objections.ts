import { objectionListSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { scriptKeys } from './query-keys';

export const getObjectionsQueryOptions = () =>
  queryOptions({
    queryKey: scriptKeys.objections(),
    queryFn: ({ signal }) => apiRequest('/objections', { schema: objectionListSchema, signal }),
  });

export const useObjections = () => useQuery(getObjectionsQueryOptions());
