import { promiseChangeResultSchema, type AmendPromiseBody, type CancelPromiseBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { accountKeys } from '../../accounts/api/query-keys';
import { caseFileKeys } from '../../case-file/api/query-keys';
import { queueKeys } from '../../queue/api/query-keys';

interface Target {
  accountId: string;
  promiseId: string;
}

export const amendPromise = ({ accountId, promiseId, body }: Target & { body: AmendPromiseBody }) =>
  apiRequest(`/accounts/${accountId}/promises/${promiseId}`, {
    method: 'PATCH',
    body,
    schema: promiseChangeResultSchema,
  });

export const cancelPromise = ({ accountId, promiseId, body }: Target & { body: CancelPromiseBody }) =>
  apiRequest(`/accounts/${accountId}/promises/${promiseId}/cancel`, {
    method: 'POST',
    body,
    schema: promiseChangeResultSchema,
  });

/**
 * Amend or cancel a pending promise (ADR 027). After it, or after a 409 (the promise was judged or
 * changed meanwhile), the case file, the queue and the account lists are refreshed: the promise's
 * state and the account's parking (ADR 035) change with it.
 */
function useChange<B>(fn: (v: Target & { body: B }) => Promise<unknown>) {
  const queryClient = useQueryClient();
  const refresh = (accountId: string) =>
    invalidate(queryClient, [caseFileKeys.detail(accountId), queueKeys.all, accountKeys.lists()]);
  return useMutation({
    mutationFn: fn,
    onSuccess: (_, { accountId }) => refresh(accountId),
    onError: (error, { accountId }) => {
      if (error instanceof ApiError && error.status === 409) void refresh(accountId);
    },
  });
}

export const useAmendPromise = () => useChange(amendPromise);
export const useCancelPromise = () => useChange(cancelPromise);
