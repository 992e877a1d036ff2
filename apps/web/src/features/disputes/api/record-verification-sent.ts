import { disputeSchema } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { accountKeys } from '../../accounts/api/query-keys';
import { caseFileKeys } from '../../case-file/api/query-keys';
import { queueKeys } from '../../queue/api/query-keys';
import { disputeKeys } from './query-keys';

const answerSchema = disputeSchema.omit({ description: true, verificationSummary: true });

export const recordVerificationSent = ({
  accountId,
  disputeId,
  summary,
}: {
  accountId: string;
  disputeId: string;
  summary: string;
}) =>
  apiRequest(`/accounts/${accountId}/disputes/${disputeId}/verification-sent`, {
    method: 'POST',
    body: { summary },
    schema: answerSchema,
  });

/** Verification sent (supervisor): the dispute hold ends, so the queue and account lists change too. */
export function useRecordVerificationSent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordVerificationSent,
    onSuccess: (_, { accountId }) =>
      invalidate(queryClient, [
        caseFileKeys.detail(accountId),
        disputeKeys.detail(accountId),
        queueKeys.all,
        accountKeys.lists(),
      ]),
  });
}
