import { stopFlagWriteResultSchema, type ClearStopFlagBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { changedByFlag } from './changed-by-flag';

export const clearStopFlag = (accountId: string, flagId: string, body: ClearStopFlagBody) =>
  apiRequest(`/accounts/${accountId}/stop-flags/${flagId}/clear`, {
    method: 'POST',
    body,
    schema: stopFlagWriteResultSchema,
  });

export const useClearStopFlag = (accountId: string, flagId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClearStopFlagBody) => clearStopFlag(accountId, flagId, body),
    onSuccess: () => invalidate(queryClient, changedByFlag(accountId)),
  });
};
