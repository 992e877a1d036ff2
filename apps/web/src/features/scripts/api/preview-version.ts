import { suggestedScriptSchema } from '@crm/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** A version rendered against a real account (by account number), as the collector will see it. */
export const previewVersion = ({ versionId, account }: { versionId: string; account: string }) =>
  apiRequest(`/scripts/versions/${versionId}/preview?${new URLSearchParams({ account })}`, {
    schema: suggestedScriptSchema,
  });

/** A mutation, not a query: run on demand for whatever account number was typed; nothing is cached. */
export const usePreview = () => useMutation({ mutationFn: previewVersion });
