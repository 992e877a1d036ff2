import type { Role, SessionUser } from '@crm/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Outlet, redirect, useNavigate, type LoaderFunctionArgs } from 'react-router';
import { AppShell, type NavItem } from '../../components/layouts/app-shell';
import { getMeQueryOptions, useMe } from '../../features/auth/api/get-me';
import { useLogout } from '../../features/auth/api/logout';
import { useUpdatePreferences } from '../../features/auth/api/update-preferences';
import { clearDrafts } from '../../features/contacts/drafts/draft-keys';
import { confirmLeave, LEAVE_CONFIRMED, markOutcomeDirty } from '../../features/contacts/drafts/leave-guard';
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
    clearDrafts({ keepUserId: user.id }); // someone else's drafts never stay on this browser (ADR 026)
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

/** A screen linked to without parameters. */
type Screen = {
  [K in keyof typeof paths]: (typeof paths)[K]['getHref'] extends () => string ? K : never;
}[keyof typeof paths];

/** Each role's navigation: the screen and the words of its link. */
const NAV: Record<Role, [Screen, string][]> = {
  collector: [
    ['work', 'nav.workstation'],
    ['myAccounts', 'nav.myAccounts'],
    ['results', 'nav.myResults'],
    ['contactLog', 'nav.myCalls'],
    ['practice', 'nav.practice'],
  ],
  supervisor: [
    ['supervise', 'nav.teamOverview'],
    ['results', 'nav.results'],
    ['contactLog', 'nav.contactLog'],
    ['supervisorAccounts', 'nav.teamAccounts'],
    ['messages', 'nav.messages'],
    ['experiments', 'nav.experiments'],
  ],
  admin: [
    ['admin', 'nav.usersAndTeams'],
    ['adminAccounts', 'nav.allAccounts'],
    ['results', 'nav.results'],
    ['contactLog', 'nav.contactLog'],
    ['scriptLibrary', 'nav.scripts'],
    ['experiments', 'nav.experiments'],
    ['policies', 'nav.policies'],
    ['imports', 'nav.imports'],
    ['messages', 'nav.messages'],
    ['audit', 'nav.audit'],
  ],
  service: [['integration', 'nav.integration']],
};

function navFor(user: SessionUser, t: (key: string) => string): NavItem[] {
  // The workstation stays highlighted on an account (/work/:accountId).
  return NAV[user.role].map(([screen, label]) => ({
    to: paths[screen].getHref(),
    label: t(label),
    ...(screen === 'work' ? { end: false } : {}),
  }));
}

/** Sign out (the header's button and the workstation's command palette). */
export function useSignOut() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  return () => {
    // Drafts hold personal notes: signing out removes them, after asking if one is being typed (ADR 026).
    if (!confirmLeave(t('drafts.signOutConfirm'))) return;
    markOutcomeDirty(false);
    clearDrafts();
    logout.mutate(undefined, {
      onSettled: () => void navigate(paths.login.getHref(), { replace: true, state: LEAVE_CONFIRMED }),
    });
  };
}

export function ProtectedLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const preferences = useUpdatePreferences();
  if (!me.data) return null; // the loader guarantees a user; this covers the instant of sign-out
  return (
    <AppShell
      user={me.data}
      nav={navFor(me.data, t)}
      userLinks={[{ to: paths.changePassword.getHref(), label: t('shell.changePassword') }]}
      onLocaleChange={(locale) => preferences.mutate({ locale })}
      onLogout={signOut}
    >
      <Outlet />
    </AppShell>
  );
}
