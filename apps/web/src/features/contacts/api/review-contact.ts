import { reviewSchema, type ReviewBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const useReviewContact = (contactId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewBody) =>
      apiRequest(`/contacts/${contactId}/review`, { method: 'PUT', body, schema: reviewSchema }),
    onSuccess: () =>
      queryClient
        .invalidateQueries({ queryKey: ['contacts'] })
        .then(() => queryClient.invalidateQueries({ queryKey: ['reports', 'reviews'] })),
  });
};
