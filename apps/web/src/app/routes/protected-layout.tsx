import type { Role, SessionUser } from '@crm/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Outlet, redirect, useNavigate, type LoaderFunctionArgs } from 'react-router';
import { AppShell, type NavItem } from '../../components/layouts/app-shell';
import { getMeQueryOptions, useMe } from '../../features/auth/api/get-me';
import { useLogout } from '../../features/auth/api/logout';
import { useUpdatePreferences } from '../../features/auth/api/update-preferences';
import { homeFor, paths } from '../../config/paths';
import { setLocale } from '../../lib/i18n';

/** To the login page, remembering where the user was going. */
function toLogin(request: Request) {
  const url = new URL(request.url);
  return redirect(paths.login.getHref(url.pathname + url.search));
}

/** Every signed-in route: no session -> login. */
export const protectedLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const user = await queryClient.ensureQueryData(getMeQueryOptions());
    if (!user) throw toLogin(request);
    await setLocale(user.locale);
    return null;
  };

/** A route for some roles only; others are sent to their own home. (Loaders run in parallel.) */
export const requireRole =
  (queryClient: QueryClient, roles: readonly Role[]) =>
  async ({ request }: LoaderFunctionArgs) => {
    const user = await queryClient.ensureQueryData(getMeQueryOptions());
    if (!user) throw toLogin(request);
    if (!roles.includes(user.role)) throw redirect(homeFor(user.role));
    return null;
  };

export const homeLoader = (queryClient: QueryClient) => async () => {
  const user = await queryClient.ensureQueryData(getMeQueryOptions());
  throw redirect(user ? homeFor(user.role) : paths.login.getHref());
};

function navFor(user: SessionUser, t: (key: string) => string): NavItem[] {
  switch (user.role) {
    case 'collector':
      return [
        { to: paths.work.getHref(), label: t('nav.workstation'), end: false },
        { to: paths.myAccounts.getHref(), label: t('nav.myAccounts') },
        { to: paths.results.getHref(), label: t('nav.myResults') },
        { to: paths.contactLog.getHref(), label: t('nav.myCalls') },
      ];
    case 'supervisor':
      return [
        { to: paths.supervise.getHref(), label: t('nav.teamOverview') },
        { to: paths.results.getHref(), label: t('nav.results') },
        { to: paths.contactLog.getHref(), label: t('nav.contactLog') },
        { to: paths.supervisorAccounts.getHref(), label: t('nav.teamAccounts') },
        { to: paths.messages.getHref(), label: t('nav.messages') },
      ];
    case 'admin':
      return [
        { to: paths.admin.getHref(), label: t('nav.usersAndTeams') },
        { to: paths.adminAccounts.getHref(), label: t('nav.allAccounts') },
        { to: paths.results.getHref(), label: t('nav.results') },
        { to: paths.contactLog.getHref(), label: t('nav.contactLog') },
        { to: paths.scriptLibrary.getHref(), label: t('nav.scripts') },
        { to: paths.policies.getHref(), label: t('nav.policies') },
        { to: paths.imports.getHref(), label: t('nav.imports') },
        { to: paths.messages.getHref(), label: t('nav.messages') },
        { to: paths.audit.getHref(), label: t('nav.audit') },
      ];
    case 'service':
      return [{ to: paths.integration.getHref(), label: t('nav.integration') }];
  }
}

export function ProtectedLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const logout = useLogout();
  const preferences = useUpdatePreferences();
  if (!me.data) return null; // the loader guarantees a user; this covers the instant of sign-out
  return (
    <AppShell
      user={me.data}
      nav={navFor(me.data, t)}
      userLinks={[{ to: paths.changePassword.getHref(), label: t('shell.changePassword') }]}
      onLocaleChange={(locale) => preferences.mutate({ locale })}
      onLogout={() =>
        logout.mutate(undefined, { onSettled: () => void navigate(paths.login.getHref(), { replace: true }) })
      }
    >
      <Outlet />
    </AppShell>
  );
}
