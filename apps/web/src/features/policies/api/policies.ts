import { policyListSchema, policySchema, type PolicyItem } from '@crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getPoliciesQueryOptions = () => queryOptions({ queryKey: ['policies'], queryFn: ({ signal }) => apiRequest('/policies', { schema: policyListSchema, signal }) });
export const usePolicies = () => useQuery(getPoliciesQueryOptions());

export const useSavePolicy = (kind: PolicyItem['kind'], key: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: Record<string, unknown>) => apiRequest(`/policies/${kind}/${key}`, { method: 'PUT', body: { data }, schema: policySchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['policies'] }),
  });
};
