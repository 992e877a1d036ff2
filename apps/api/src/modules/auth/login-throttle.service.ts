import type { Clock } from '../../lib/clock.js';
import { addressKey } from '../../lib/client-address.js';
import { RateLimitedError } from '../../lib/errors.js';
import type { LoginThrottleRepository, ThrottleCounter } from './login-throttle.repository.js';

export interface LoginThrottleDeps {
  throttle: LoginThrottleRepository;
  clock: Clock;
  /** Failed attempts per username per window, from all addresses together. */
  perUsername: number;
  /** Failed attempts per client address per window, for all usernames together. */
  perAddress: number;
  windowMs?: number;
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

/**
 * Limits password guessing: per username across addresses (a distributed attack on one
 * account) and per address across usernames (one client spraying many accounts). Every
 * attempt is counted before the password is checked, atomically in PostgreSQL, so parallel
 * guesses cannot slip in between a check and a count; an attempt that succeeds is taken back,
 * so a whole office signing in from one address is never slowed down by its own successes.
 * Fixed one-minute windows: at most twice the limit across a window boundary.
 */
export function createLoginThrottle(deps: LoginThrottleDeps) {
  const { throttle, clock } = deps;
  const windowMs = deps.windowMs ?? 60_000;

  return {
    /** Forgets the windows that have ended (the API's periodic job calls it; never a sign-in). */
    purge: async () => {
      const windowStart = Math.floor(clock.now().getTime() / windowMs) * windowMs;
      await throttle.purge(new Date(windowStart - windowMs));
    },
    /**
     * Counts one attempt for `username` from `ip`; throws RateLimitedError (429, Retry-After)
     * when either counter is over its limit. Call `succeeded()` when the password was right.
     */
    async attempt(username: string, ip: string): Promise<{ succeeded(): Promise<void> }> {
      const now = clock.now().getTime();
      const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
      const counters: ThrottleCounter[] = [
        { scope: 'username', key: username.trim().toLowerCase() },
        { scope: 'address', key: addressKey(ip) },
      ];
      const counts = await throttle.increment(counters, windowStart);
      const limit = { username: deps.perUsername, address: deps.perAddress };
      if (counts.some((c) => c.failures > limit[c.scope])) {
        const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000));
        throw new RateLimitedError(`Too many failed attempts. Try again in ${retryAfter} seconds.`, retryAfter);
      }
      return { succeeded: () => throttle.decrement(counters, windowStart) };
    },
  };
}
