import { validationNoticeSchema, type QueueValidationNoticeBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { caseFileKeys } from '../../case-file/api/query-keys';
import { disputeKeys } from './query-keys';

export const queueValidationNotice = ({ accountId, body }: { accountId: string; body: QueueValidationNoticeBody }) =>
  apiRequest(`/accounts/${accountId}/validation-notices`, { method: 'POST', body, schema: validationNoticeSchema });

/** Queues the account's validation notice (one pending per account); the case file shows it. */
export function useQueueValidationNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: queueValidationNotice,
    onSuccess: (_, { accountId }) =>
      invalidate(queryClient, [caseFileKeys.detail(accountId), disputeKeys.detail(accountId)]),
  });
}

/** Where the browser downloads a notice's PDF (an audited read; the session cookie goes with it). */
export const validationNoticePdfHref = (accountId: string, noticeId: string) =>
  `/api/accounts/${accountId}/validation-notices/${noticeId}/pdf`;
