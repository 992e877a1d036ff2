import type { UpdatePreferencesBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { isAuthResponse } from '../../../lib/checks';
import { setLocale } from '../../../lib/i18n';
import { authKeys } from './query-keys';

export const updatePreferences = (body: UpdatePreferencesBody) =>
  apiRequest('/me/preferences', { method: 'PATCH', body, check: isAuthResponse });

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePreferences,
    onMutate: async ({ locale }) => setLocale(locale),
    onSuccess: ({ user }) => queryClient.setQueryData(authKeys.me(), user),
  });
}
