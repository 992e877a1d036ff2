import { recordContactResponseSchema, type RecordContactBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { caseFileQueryKey } from '../../case-file/api/get-case-file';

export interface RecordContactInput {
  accountId: string;
  body: RecordContactBody;
  /** Same key for retries of one submission: the server records it once. */
  idempotencyKey: string;
}

export const recordContact = ({ accountId, body, idempotencyKey }: RecordContactInput) =>
  apiRequest(`/accounts/${accountId}/contacts`, {
    method: 'POST',
    body,
    schema: recordContactResponseSchema,
    headers: { 'idempotency-key': idempotencyKey },
  });

export function useRecordContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordContact,
    onSuccess: (_, { accountId }) => {
      void queryClient.invalidateQueries({ queryKey: caseFileQueryKey(accountId) });
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts', 'list'] });
    },
  });
}
