/**
 * Every query key of the consent feature (PUT /api/accounts/:id/consent/...). It reads nothing of
 * its own: what it writes is shown by the case file and honoured by the queue, whose keys it invalidates.
 */
export const consentKeys = {
  all: ['consent'] as const,
};
