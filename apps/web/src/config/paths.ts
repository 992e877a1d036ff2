import type { Role } from '@crm/contracts';

/** Every route of the SPA, with how to link to it. */
export const paths = {
  login: {
    path: '/login',
    getHref: (next?: string, reason?: 'expired') => {
      const params = new URLSearchParams();
      if (next && next !== '/') params.set('next', next);
      if (reason) params.set('reason', reason);
      const qs = params.toString();
      return `/login${qs ? `?${qs}` : ''}`;
    },
  },
  home: { path: '/', getHref: () => '/' },
  work: { path: '/work', getHref: () => '/work' },
  workAccount: { path: '/work/:accountId', getHref: (accountId: string) => `/work/${accountId}` },
  myAccounts: { path: '/accounts', getHref: () => '/accounts' },
  supervise: { path: '/supervise', getHref: () => '/supervise' },
  supervisorAccounts: { path: '/supervise/accounts', getHref: () => '/supervise/accounts' },
  /** A collector's queue as their supervisor (or an admin) sees it: read-only. */
  collectorQueue: {
    path: '/collectors/:collectorId/queue',
    getHref: (collectorId: string) => `/collectors/${collectorId}/queue`,
  },
  admin: { path: '/admin', getHref: () => '/admin' },
  adminAccounts: { path: '/admin/accounts', getHref: () => '/admin/accounts' },
  integration: { path: '/integration', getHref: () => '/integration' },
  messages: { path: '/messages', getHref: () => '/messages' },
  results: { path: '/results', getHref: () => '/results' },
  contactLog: { path: '/contacts', getHref: () => '/contacts' },
  practice: { path: '/practice', getHref: () => '/practice' },
  imports: { path: '/admin/imports', getHref: () => '/admin/imports' },
  scriptLibrary: { path: '/admin/scripts', getHref: () => '/admin/scripts' },
  experiments: { path: '/experiments', getHref: () => '/experiments' },
  policies: { path: '/admin/policies', getHref: () => '/admin/policies' },
  changePassword: { path: '/account/password', getHref: () => '/account/password' },
  audit: { path: '/admin/audit', getHref: () => '/admin/audit' },
  accountView: {
    path: '/accounts/:accountId/case-file',
    getHref: (accountId: string) => `/accounts/${accountId}/case-file`,
  },
} as const;

/** Where each role lands after signing in. */
export const homeFor = (role: Role): string => {
  switch (role) {
    case 'collector':
      return paths.work.getHref();
    case 'supervisor':
      return paths.supervise.getHref();
    case 'admin':
      return paths.admin.getHref();
    case 'service':
      return paths.integration.getHref();
  }
};
