import { policyVersionListSchema, type PolicyItem } from '@crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { policyKeys } from './query-keys';

export const getPolicyVersionsQueryOptions = (kind: PolicyItem['kind'], key: string) =>
  queryOptions({
    queryKey: policyKeys.versions(kind, key),
    queryFn: ({ signal }) =>
      apiRequest(`/policies/${kind}/${key}/versions`, { schema: policyVersionListSchema, signal }),
  });

export const usePolicyVersions = (kind: PolicyItem['kind'], key: string) =>
  useQuery(getPolicyVersionsQueryOptions(kind, key));
