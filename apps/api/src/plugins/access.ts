import type { Role } from '@crm/contracts';

/**
 * Who may call a route. Every /api route declares one in `config.access`; the server refuses
 * to start when one is missing (plugins/auth.ts), so no route is open by accident.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export const ANY_ROLE = 'authenticated' as const;
export const SUPERVISORS = ['supervisor', 'admin'] as const satisfies readonly Role[];
export const ADMINS = ['admin'] as const satisfies readonly Role[];
