import type { Core } from '../core.js';
import type { PasswordHasher } from '@crm/db/password';
import type { ApiModule } from '../../lib/api-module.js';
import type { CacheNotices } from '../../lib/cache-notices.js';
import { createAuthRepository } from './auth.repository.js';
import { authRoutes, type AuthRoutesOptions } from './auth.routes.js';
import { createAuthService } from './auth.service.js';
import { createLoginThrottleRepository } from './login-throttle.repository.js';
import { createLoginThrottle } from './login-throttle.service.js';

export interface AuthModuleDeps extends Pick<Core, 'db' | 'uow' | 'audit' | 'clock'> {
  passwords: PasswordHasher;
  loginsPerUsernamePerMinute: number;
  loginsPerAddressPerMinute: number;
  sessionTtlMs: number;
  sessionIdleMs: number;
  notices: CacheNotices;
  cacheTtlMs: number;
  cookieSecure: AuthRoutesOptions['cookieSecure'];
}

/** Sign-in, sessions and the signed-in user's own settings; the session resolver the auth plugin uses. */
export function createAuthModule(deps: AuthModuleDeps) {
  const throttle = createLoginThrottle({
    throttle: createLoginThrottleRepository(deps.db),
    clock: deps.clock,
    perUsername: deps.loginsPerUsernamePerMinute,
    perAddress: deps.loginsPerAddressPerMinute,
  });
  const authService = createAuthService({
    ...deps,
    auth: createAuthRepository(deps.db),
    throttle,
  });
  const module: ApiModule = {
    name: 'auth',
    paths: ['/auth', '/me'],
    plugin: async (app) => app.register(authRoutes, { authService, cookieSecure: deps.cookieSecure }),
  };
  return {
    module,
    authService,
    /** Sessions past their lifetime no longer sign anyone in; sign-in windows that ended count nothing. */
    housekeeping: [() => authService.purgeExpiredSessions(), () => throttle.purge()],
  };
}
