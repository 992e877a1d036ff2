/**
 * The contact-points feature (POST/PATCH /api/accounts/:id/contact-points) has no reads of its
 * own: its writes change the case file and the queue, whose keys their owners keep.
 */
export const contactPointKeys = {
  all: ['contact-points'] as const,
};
