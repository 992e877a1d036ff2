import { listUsersResponseSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { userKeys } from './query-keys';

export const getUsersQueryOptions = () =>
  queryOptions({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => apiRequest('/users', { schema: listUsersResponseSchema, signal }),
  });

export const useUsers = (options: { enabled?: boolean } = {}) =>
  useQuery({ ...getUsersQueryOptions(), enabled: options.enabled ?? true });
