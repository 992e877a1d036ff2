import { assignmentResultSchema, type AssignmentBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { caseFileKeys } from '../../case-file/api/query-keys';
import { queueKeys } from '../../queue/api/query-keys';
import { accountKeys } from './query-keys';

export interface AssignAccountsInput {
  body: AssignmentBody;
  /** false: only count what would move (preview). */
  commit: boolean;
}

export const assignAccounts = ({ body, commit }: AssignAccountsInput) =>
  apiRequest(commit ? '/accounts/assignments' : '/accounts/assignments/preview', {
    method: 'POST',
    body,
    schema: assignmentResultSchema,
  });

/** What a committed assignment changes: who holds the accounts (lists, case files, queues). */
export const changedByAssignment = () => [accountKeys.all, caseFileKeys.all, queueKeys.all];

/** Preview (commit = false) or commit a bulk assignment. */
export const useAssignAccounts = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignAccounts,
    onSuccess: (result) => (result.committed ? invalidate(queryClient, changedByAssignment()) : undefined),
  });
};
