import {
  lintResponseSchema,
  objectionListSchema,
  objectionSchema,
  objectionVersionListSchema,
  scriptListSchema,
  scriptVersionDetailSchema,
  suggestedScriptSchema,
  type ObjectionBody,
  type UpdateDraftBody,
} from '@crm/contracts';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getScriptLibraryQueryOptions = () =>
  queryOptions({
    queryKey: ['scripts', 'library'],
    queryFn: ({ signal }) => apiRequest('/scripts', { schema: scriptListSchema, signal }),
  });
export const useScriptLibrary = () => useQuery(getScriptLibraryQueryOptions());

export const useScriptVersion = (versionId: string | null) =>
  useQuery({
    queryKey: ['scripts', 'version', versionId],
    queryFn: ({ signal }) =>
      apiRequest(`/scripts/versions/${versionId}`, { schema: scriptVersionDetailSchema, signal }),
    enabled: versionId !== null,
  });

/** Live lint of one text: asked again when the text changes (the caller debounces). */
export const useLint = (text: string, locale: 'en' | 'zh-CN') =>
  useQuery({
    queryKey: ['scripts', 'lint', locale, text],
    queryFn: ({ signal }) =>
      apiRequest('/scripts/lint', { method: 'POST', body: { text, locale }, schema: lintResponseSchema, signal }),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['scripts'] });
}

export const useCreateDraft = (scriptId: string) => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (fromVersionId?: string) =>
      apiRequest(`/scripts/${scriptId}/drafts`, {
        method: 'POST',
        body: fromVersionId ? { fromVersionId } : {},
        schema: scriptVersionDetailSchema,
      }),
    onSuccess: refresh,
  });
};

export const useSaveDraft = (versionId: string) => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: UpdateDraftBody) =>
      apiRequest(`/scripts/versions/${versionId}`, { method: 'PUT', body, schema: scriptVersionDetailSchema }),
    onSuccess: refresh,
  });
};

export const usePublish = (versionId: string) => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (justification?: string) =>
      apiRequest(`/scripts/versions/${versionId}/publish`, {
        method: 'POST',
        body: justification ? { justification } : {},
        schema: scriptVersionDetailSchema,
      }),
    onSuccess: refresh,
  });
};

export const useObjections = () =>
  useQuery({
    queryKey: ['scripts', 'objections'],
    queryFn: ({ signal }) => apiRequest('/objections', { schema: objectionListSchema, signal }),
  });

export const useSaveObjection = (id: string | null) => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ObjectionBody) =>
      apiRequest(id ? `/objections/${id}` : '/objections', {
        method: id ? 'PUT' : 'POST',
        body,
        schema: objectionSchema,
      }),
    onSuccess: refresh,
  });
};

export const useObjectionVersions = (objectionId: string) =>
  useQuery({
    queryKey: ['scripts', 'objections', objectionId, 'versions'],
    queryFn: ({ signal }) =>
      apiRequest(`/objections/${objectionId}/versions`, { schema: objectionVersionListSchema, signal }),
  });

/** Saves an earlier version's content as the next version. */
export const useRestoreObjection = (objectionId: string) => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({
      versionId,
      expectedVersion,
      justification,
    }: {
      versionId: string;
      expectedVersion: number;
      justification?: string;
    }) =>
      apiRequest(`/objections/${objectionId}/versions/${versionId}/restore`, {
        method: 'POST',
        body: { expectedVersion, ...(justification ? { justification } : {}) },
        schema: objectionSchema,
      }),
    onSuccess: refresh,
  });
};

/** A version rendered against a real account (by account number), as the collector will see it. */
export const usePreview = () =>
  useMutation({
    mutationFn: ({ versionId, account }: { versionId: string; account: string }) =>
      apiRequest(`/scripts/versions/${versionId}/preview?${new URLSearchParams({ account })}`, {
        schema: suggestedScriptSchema,
      }),
  });
