import { scriptVersionDetailSchema } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { scriptKeys } from './query-keys';

export const getScriptVersionQueryOptions = (versionId: string | null) =>
  queryOptions({
    queryKey: scriptKeys.version(versionId),
    queryFn: ({ signal }) =>
      apiRequest(`/scripts/versions/${versionId}`, { schema: scriptVersionDetailSchema, signal }),
    enabled: versionId !== null,
  });

export const useScriptVersion = (versionId: string | null) => useQuery(getScriptVersionQueryOptions(versionId));
