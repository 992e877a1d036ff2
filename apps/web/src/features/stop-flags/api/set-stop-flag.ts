import { stopFlagWriteResultSchema, type SetStopFlagBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { changedByFlag } from './changed-by-flag';

export const setStopFlag = (accountId: string, body: SetStopFlagBody) =>
  apiRequest(`/accounts/${accountId}/stop-flags`, { method: 'POST', body, schema: stopFlagWriteResultSchema });

export const useSetStopFlag = (accountId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetStopFlagBody) => setStopFlag(accountId, body),
    onSuccess: () => invalidate(queryClient, changedByFlag(accountId)),
  });
};
