import { reservationSchema, type ReleaseLeaseBody, type Reservation } from '@crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { queueKeys } from './query-keys';

/** The signed-in collector's reservation (expired or not) with the server's clock; null when none (204). */
export async function getReservation(): Promise<Reservation | null> {
  const r = await apiRequest<Reservation | undefined>('/queue/reservation');
  return r ? reservationSchema.parse(r) : null;
}

export const getReservationQueryOptions = () =>
  queryOptions({ queryKey: queueKeys.reservation(), queryFn: getReservation, staleTime: 0 });

export const useReservation = () => useQuery(getReservationQueryOptions());

/** Extends (or takes back a lapsed) reservation; 409 reservation_taken when another collector holds it. */
export function useExtendReservation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) =>
      apiRequest('/queue/reservation/extend', { method: 'POST', body: { accountId }, schema: reservationSchema }),
    onSuccess: (r) => queryClient.setQueryData(queueKeys.reservation(), r),
  });
}

/** Gives back or skips the reserved account with a reason; the queue changes (it leaves this collector's queue). */
export function useReleaseReservation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReleaseLeaseBody) => apiRequest('/queue/release', { method: 'POST', body }),
    onSettled: () => invalidate(queryClient, [queueKeys.all]),
  });
}
