import { assignmentResultSchema, type AssignmentBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Preview (commit = false) or commit a bulk assignment. */
export const useAssignAccounts = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, commit }: { body: AssignmentBody; commit: boolean }) =>
      apiRequest(commit ? '/accounts/assignments' : '/accounts/assignments/preview', {
        method: 'POST',
        body,
        schema: assignmentResultSchema,
      }),
    onSuccess: (result) => (result.committed ? queryClient.invalidateQueries({ queryKey: ['accounts'] }) : undefined),
  });
};
