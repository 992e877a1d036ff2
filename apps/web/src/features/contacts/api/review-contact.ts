import { reviewSchema, type ReviewBody } from '@crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { invalidate } from '../../../lib/invalidate';
import { reportKeys } from '../../reports/api/query-keys';
import { contactKeys } from './query-keys';

export const reviewContact = (contactId: string, body: ReviewBody) =>
  apiRequest(`/contacts/${contactId}/review`, { method: 'PUT', body, schema: reviewSchema });

/** What a saved review changes: the contact log (its badge and panel) and the reviews report. */
export const changedByReview = () => [contactKeys.logs(), reportKeys.reviews()];

export const useReviewContact = (contactId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewBody) => reviewContact(contactId, body),
    onSuccess: () => invalidate(queryClient, changedByReview()),
  });
};
