import type { ChangePasswordBody } from '@crm/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Changes the signed-in user's password; the server ends their other sessions (204). */
export const changePassword = (body: ChangePasswordBody) => apiRequest<void>('/me/password', { method: 'POST', body });

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
