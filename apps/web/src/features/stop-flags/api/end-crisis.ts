import { stopFlagWriteResultSchema, type EndCrisisBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { changedByFlag } from './changed-by-flag';

export const endCrisis = (accountId: string, flagId: string, body: EndCrisisBody) =>
  apiRequest(`/accounts/${accountId}/stop-flags/${flagId}/crisis-end`, {
    method: 'POST',
    body,
    schema: stopFlagWriteResultSchema,
  });

export const useEndCrisis = (accountId: string, flagId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EndCrisisBody) => endCrisis(accountId, flagId, body),
    onSuccess: () => invalidate(queryClient, changedByFlag(accountId)),
  });
};
