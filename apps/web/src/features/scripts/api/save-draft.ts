import { scriptVersionDetailSchema, type UpdateDraftBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { scriptKeys } from './query-keys';

export const saveDraft = (versionId: string, body: UpdateDraftBody) =>
  apiRequest(`/scripts/versions/${versionId}`, { method: 'PUT', body, schema: scriptVersionDetailSchema });

/** A saved draft: its text (the version) and the versions list. */
export const changedByDraftSave = () => [scriptKeys.library(), scriptKeys.versions()];

export const useSaveDraft = (versionId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateDraftBody) => saveDraft(versionId, body),
    onSuccess: () => invalidate(queryClient, changedByDraftSave()),
  });
};
