import { listTeamsResponseSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { userKeys } from './query-keys';

export const getTeamsQueryOptions = () =>
  queryOptions({
    queryKey: userKeys.teams(),
    queryFn: ({ signal }) => apiRequest('/teams', { schema: listTeamsResponseSchema, signal }),
  });

export const useTeams = (options: { enabled?: boolean } = {}) =>
  useQuery({ ...getTeamsQueryOptions(), enabled: options.enabled ?? true });
