import { listTeamsResponseSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getTeamsQueryOptions = () =>
  queryOptions({
    queryKey: ['teams', 'list'],
    queryFn: ({ signal }) => apiRequest('/teams', { schema: listTeamsResponseSchema, signal }),
  });

export const useTeams = (options: { enabled?: boolean } = {}) =>
  useQuery({ ...getTeamsQueryOptions(), enabled: options.enabled ?? true });
