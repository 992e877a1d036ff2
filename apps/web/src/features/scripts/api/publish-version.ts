import { scriptVersionDetailSchema } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { scriptKeys } from './query-keys';

/** Publishes a draft (the published one is archived); findings need a justification. */
export const publishVersion = (versionId: string, justification?: string) =>
  apiRequest(`/scripts/versions/${versionId}/publish`, {
    method: 'POST',
    body: justification ? { justification } : {},
    schema: scriptVersionDetailSchema,
  });

/** Statuses of the script's versions, and the script collectors are offered for the stage. */
export const changedByPublish = () => [scriptKeys.library(), scriptKeys.versions(), scriptKeys.suggestions()];

export const usePublish = (versionId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (justification?: string) => publishVersion(versionId, justification),
    onSuccess: () => invalidate(queryClient, changedByPublish()),
  });
};
