import { scriptVersionDetailSchema } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { scriptKeys } from './query-keys';

/** A new draft of a script, empty or copied from an earlier version (restore). */
export const createDraft = (scriptId: string, fromVersionId?: string) =>
  apiRequest(`/scripts/${scriptId}/drafts`, {
    method: 'POST',
    body: fromVersionId ? { fromVersionId } : {},
    schema: scriptVersionDetailSchema,
  });

/** A new draft shows in the script's versions. */
export const changedByDraft = () => [scriptKeys.library()];

export const useCreateDraft = (scriptId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fromVersionId?: string) => createDraft(scriptId, fromVersionId),
    onSuccess: () => invalidate(queryClient, changedByDraft()),
  });
};
