import { customerPreferencesSchema, type CustomerPreferencesBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { changedByConsent } from './changed-by-consent';

export const setPreferences = ({ accountId, body }: { accountId: string; body: CustomerPreferencesBody }) =>
  apiRequest(`/accounts/${accountId}/consent/preferences`, {
    method: 'PUT',
    body,
    schema: customerPreferencesSchema,
  });

/** Records the customer's preferred channel and time and the times they said are inconvenient. */
export function useSetPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setPreferences,
    onSuccess: () => invalidate(queryClient, changedByConsent()),
  });
}
