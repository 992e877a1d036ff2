import { leaseResponseSchema, type LeaseResponse } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { queueKeys } from './query-keys';

/** Leases the top callable account; null when nothing is callable now (204). */
export async function nextAccount(): Promise<LeaseResponse | null> {
  const lease = await apiRequest<LeaseResponse | undefined>('/queue/next', { method: 'POST' });
  return lease ? leaseResponseSchema.parse(lease) : null;
}

/** A lease (or a failed attempt) changes the queue: the leased account, what is callable. */
export const changedByLease = () => [queueKeys.all];

export function useNextAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: nextAccount,
    onSettled: () => invalidate(queryClient, changedByLease()),
  });
}
