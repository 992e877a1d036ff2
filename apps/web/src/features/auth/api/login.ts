import type { LoginBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { isAuthResponse } from '../../../lib/checks';
import { setLocale } from '../../../lib/i18n';
import { authKeys } from './query-keys';

export const login = (body: LoginBody) =>
  apiRequest('/auth/login', { method: 'POST', body, check: isAuthResponse, allowUnauthenticated: true });

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), user);
      await setLocale(user.locale);
    },
  });
}
