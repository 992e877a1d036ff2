import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Sets a user's password (their sessions end); nothing on screen changes. */
export const resetPassword = (userId: string, password: string) =>
  apiRequest<void>(`/users/${userId}/password`, { method: 'POST', body: { password } });

export const useResetPassword = (userId: string) =>
  useMutation({ mutationFn: (password: string) => resetPassword(userId, password) });
