import { policyListSchema, policySchema, policyVersionListSchema, type PolicyItem } from '@crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getPoliciesQueryOptions = () =>
  queryOptions({
    queryKey: ['policies'],
    queryFn: ({ signal }) => apiRequest('/policies', { schema: policyListSchema, signal }),
  });
export const usePolicies = () => useQuery(getPoliciesQueryOptions());

export const usePolicyVersions = (kind: PolicyItem['kind'], key: string, enabled: boolean) =>
  useQuery({
    queryKey: ['policies', kind, key, 'versions'],
    queryFn: ({ signal }) =>
      apiRequest(`/policies/${kind}/${key}/versions`, { schema: policyVersionListSchema, signal }),
    enabled,
  });

export const useSavePolicy = (kind: PolicyItem['kind'], key: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: Record<string, unknown>) =>
      apiRequest(`/policies/${kind}/${key}`, { method: 'PUT', body: { data }, schema: policySchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['policies'] }),
  });
};
