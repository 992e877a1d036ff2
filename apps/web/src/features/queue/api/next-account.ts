import { leaseResponseSchema, type LeaseResponse } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queueQueryKey } from './get-queue';

/** Leases the top callable account; null when nothing is callable now (204). */
export async function nextAccount(): Promise<LeaseResponse | null> {
  const lease = await apiRequest<LeaseResponse | undefined>('/queue/next', { method: 'POST' });
  return lease ? leaseResponseSchema.parse(lease) : null;
}

export function useNextAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: nextAccount,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queueQueryKey }),
  });
}
