import { teamSchema, userSchema, type CreateUserBody, type TeamBody, type UpdateUserBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Every change to users or teams refreshes both lists (member counts, team names). */
function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['users'] }),
      queryClient.invalidateQueries({ queryKey: ['teams'] }),
    ]);
}

export const useCreateUser = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateUserBody) => apiRequest('/users', { method: 'POST', body, schema: userSchema }),
    onSuccess: refresh,
  });
};

export const useUpdateUser = (userId: string) => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: UpdateUserBody) => apiRequest(`/users/${userId}`, { method: 'PATCH', body, schema: userSchema }),
    onSuccess: refresh,
  });
};

export const useResetPassword = (userId: string) =>
  useMutation({
    mutationFn: (password: string) => apiRequest(`/users/${userId}/password`, { method: 'POST', body: { password } }),
  });

export const useSaveTeam = (teamId: string | null) => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Partial<TeamBody>) =>
      apiRequest(teamId ? `/teams/${teamId}` : '/teams', {
        method: teamId ? 'PATCH' : 'POST',
        body,
        schema: teamSchema,
      }),
    onSuccess: refresh,
  });
};
