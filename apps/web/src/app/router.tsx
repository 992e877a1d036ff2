import type { Role } from '@crm/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType, ReactElement } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginRoute, loginLoader } from './routes/login';
import { ChangePasswordRoute, IntegrationRoute, NotFoundRoute, RouteError } from './routes/pages';
import { ProtectedLayout, homeLoader, protectedLoader, requireRole } from './routes/protected-layout';
import { caseLoader } from './routes/case-loader';
import { paths } from '../config/paths';
import { FullPageLoading } from '../components/ui/states';
import { loadAllTexts } from '../lib/i18n';

/**
 * A screen's code, loaded when the screen is first visited (ADR 044): the router fetches it
 * alongside the route's loader, so the login page and each role's first screen carry only their own code.
 * With it the rest of the texts (ADR 054), except for the workstation (`firstTexts`), whose queue
 * needs only the first load's (src/locales/parts.ts); its open account's panes load them.
 */
function screen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K, firstTexts = false) {
  return {
    lazy: async () => {
      const [module] = await Promise.all([load(), firstTexts ? undefined : loadAllTexts()]);
      return { Component: module[name] };
    },
  };
}

export function createRouter(queryClient: QueryClient) {
  /** A screen for some roles only (others are sent to their own home); its errors shown in place. */
  const only = (roles: Role[], path: string, route: { element: ReactElement } | ReturnType<typeof screen>) => ({
    path,
    ...route,
    loader: requireRole(queryClient, roles),
    errorElement: <RouteError />,
  });
  return createBrowserRouter([
    {
      path: paths.login.path,
      element: <LoginRoute />,
      loader: loginLoader(queryClient),
      errorElement: <RouteError />,
      HydrateFallback: FullPageLoading,
    },
    {
      path: '/',
      element: <ProtectedLayout />,
      loader: protectedLoader(queryClient),
      errorElement: <RouteError />,
      HydrateFallback: FullPageLoading,
      children: [
        { index: true, loader: homeLoader(queryClient) },
        only(
          ['collector'],
          paths.work.path,
          screen(() => import('./routes/workstation'), 'WorkstationRoute', true),
        ),
        {
          path: paths.workAccount.path,
          ...screen(() => import('./routes/workstation'), 'WorkstationRoute', true),
          loader: async (args) => {
            await requireRole(queryClient, ['collector'])(args);
            return caseLoader(queryClient)(args);
          },
          errorElement: <RouteError />,
        },
        only(
          ['collector'],
          paths.myAccounts.path,
          screen(() => import('./routes/accounts'), 'CollectorWorkRoute'),
        ),
        only(
          ['supervisor'],
          paths.supervise.path,
          screen(() => import('./routes/supervisor'), 'SupervisorOverviewRoute'),
        ),
        only(
          ['supervisor'],
          paths.supervisorAccounts.path,
          screen(() => import('./routes/accounts'), 'AccountsRoute'),
        ),
        only(
          ['admin'],
          paths.admin.path,
          screen(() => import('./routes/admin'), 'AdminHomeRoute'),
        ),
        only(
          ['admin'],
          paths.adminAccounts.path,
          screen(() => import('./routes/accounts'), 'AccountsRoute'),
        ),
        only(['service'], paths.integration.path, { element: <IntegrationRoute /> }),
        only(
          ['supervisor', 'admin'],
          paths.accountView.path,
          screen(() => import('./routes/account-view'), 'AccountViewRoute'),
        ),
        only(
          ['supervisor', 'admin'],
          paths.collectorQueue.path,
          screen(() => import('./routes/collector-queue'), 'CollectorQueueRoute'),
        ),
        only(
          ['admin'],
          paths.imports.path,
          screen(() => import('./routes/imports'), 'ImportsRoute'),
        ),
        only(
          ['supervisor', 'admin'],
          paths.messages.path,
          screen(() => import('./routes/message-log'), 'MessageLogRoute'),
        ),
        only(
          ['collector', 'supervisor', 'admin'],
          paths.results.path,
          screen(() => import('./routes/results'), 'ResultsRoute'),
        ),
        only(
          ['collector', 'supervisor', 'admin'],
          paths.contactLog.path,
          screen(() => import('./routes/contact-log'), 'ContactLogRoute'),
        ),
        only(
          ['collector'],
          paths.practice.path,
          screen(() => import('./routes/practice'), 'PracticeRoute'),
        ),
        only(
          ['admin'],
          paths.scriptLibrary.path,
          screen(() => import('./routes/script-library'), 'ScriptLibraryRoute'),
        ),
        only(
          ['supervisor', 'admin'],
          paths.experiments.path,
          screen(() => import('./routes/experiments'), 'ExperimentsRoute'),
        ),
        only(
          ['admin'],
          paths.policies.path,
          screen(() => import('./routes/policies'), 'PoliciesRoute'),
        ),
        only(
          ['admin'],
          paths.audit.path,
          screen(() => import('./routes/audit'), 'AuditTrailRoute'),
        ),
        // Every role: reached from the user's name in the header.
        { path: paths.changePassword.path, element: <ChangePasswordRoute />, errorElement: <RouteError /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
