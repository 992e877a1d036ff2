import type { LeaseResponse } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { queueKeys } from './query-keys';

/**
 * Leases the top callable account; null when nothing is callable now (204). The answer is parsed
 * with the contract's schema, loaded on the first "Next" (with zod), not on /work's first load (ADR 054).
 */
export async function nextAccount(): Promise<LeaseResponse | null> {
  const [lease, { leaseResponseSchema }] = await Promise.all([
    apiRequest<LeaseResponse | undefined>('/queue/next', { method: 'POST' }),
    import('@crm/contracts'),
  ]);
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
