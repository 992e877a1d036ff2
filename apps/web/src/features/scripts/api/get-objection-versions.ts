import { objectionVersionListSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { scriptKeys } from './query-keys';

export const getObjectionVersionsQueryOptions = (objectionId: string) =>
  queryOptions({
    queryKey: scriptKeys.objectionVersions(objectionId),
    queryFn: ({ signal }) =>
      apiRequest(`/objections/${objectionId}/versions`, { schema: objectionVersionListSchema, signal }),
  });

export const useObjectionVersions = (objectionId: string) => useQuery(getObjectionVersionsQueryOptions(objectionId));
