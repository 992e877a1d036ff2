/**
 * Every query key of the promises feature. It reads nothing of its own yet: a change to a promise
 * refreshes the case file, the queue and the account lists through their owners' keys.
 */
export const promiseKeys = {
  all: ['promises'] as const,
};
