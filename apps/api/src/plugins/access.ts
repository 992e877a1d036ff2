import type { Role } from '@crm/contracts';

/**
 * Who may call a route. Every /api route declares one in `config.access`; the server refuses
 * to start when one is missing (plugins/auth.ts), so no route is open by accident.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

/** Who calls: nobody signed in, or a signed-in user of a role. */
export type Caller = 'anonymous' | Role;
export const CALLERS = [
  'anonymous',
  'collector',
  'supervisor',
  'admin',
  'service',
] as const satisfies readonly Caller[];

/**
 * What each caller is expected to get from a route: `allowed` (the whole resource), `scoped`
 * (allowed, but only their own or their teams' data: another team's gets 403/404 or nothing of
 * it), `forbidden` (403) or `unauthenticated` (401). Declared next to the route in `config.authz`,
 * independently of `config.access`, and proven with real requests for every route and caller
 * by test/authorisation-matrix.test.ts, which fails for a route that declares none.
 */
export type Outcome = 'allowed' | 'scoped' | 'forbidden' | 'unauthenticated';
export type Authz = Readonly<Record<Caller, Outcome>>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    authz?: Authz;
  }
}

export const ANY_ROLE = 'authenticated' as const;
/** The people who work accounts: every role but `service` (an integration sees no customer data it did not send). */
export const STAFF = ['collector', 'supervisor', 'admin'] as const satisfies readonly Role[];
export const SUPERVISORS = ['supervisor', 'admin'] as const satisfies readonly Role[];
export const ADMINS = ['admin'] as const satisfies readonly Role[];

/** Anyone, signed in or not. */
export const ANYONE: Authz = {
  anonymous: 'allowed',
  collector: 'allowed',
  supervisor: 'allowed',
  admin: 'allowed',
  service: 'allowed',
};

/** The roles named get what is said; every other role 403, and no session 401 (least privilege by default). */
export function authz(roles: Partial<Record<Role, 'allowed' | 'scoped'>>): Authz {
  return {
    anonymous: 'unauthenticated',
    collector: roles.collector ?? 'forbidden',
    supervisor: roles.supervisor ?? 'forbidden',
    admin: roles.admin ?? 'forbidden',
    service: roles.service ?? 'forbidden',
  };
}
