import type { Role } from '@crm/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginRoute, loginLoader } from './routes/login';
import {
  AccountsRoute,
  AdminHomeRoute,
  AccountViewRoute,
  AuditTrailRoute,
  ChangePasswordRoute,
  CollectorWorkRoute,
  ContactLogRoute,
  ImportsRoute,
  IntegrationRoute,
  MessageLogRoute,
  NotFoundRoute,
  PoliciesRoute,
  ResultsRoute,
  RouteError,
  ScriptLibraryRoute,
  SupervisorOverviewRoute,
} from './routes/pages';
import { ProtectedLayout, homeLoader, protectedLoader, requireRole } from './routes/protected-layout';
import { WorkstationRoute, caseLoader } from './routes/workstation';
import { CollectorQueueRoute } from './routes/collector-queue';
import { paths } from '../config/paths';
import { FullPageLoading } from '../components/ui/states';

export function createRouter(queryClient: QueryClient) {
  /** A screen for some roles only (others are sent to their own home); its errors shown in place. */
  const only = (roles: Role[], path: string, element: ReactElement) => ({
    path,
    element,
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
        only(['collector'], paths.work.path, <WorkstationRoute />),
        {
          path: paths.workAccount.path,
          element: <WorkstationRoute />,
          loader: async (args) => {
            await requireRole(queryClient, ['collector'])(args);
            return caseLoader(queryClient)(args);
          },
          errorElement: <RouteError />,
        },
        only(['collector'], paths.myAccounts.path, <CollectorWorkRoute />),
        only(['supervisor'], paths.supervise.path, <SupervisorOverviewRoute />),
        only(['supervisor'], paths.supervisorAccounts.path, <AccountsRoute />),
        only(['admin'], paths.admin.path, <AdminHomeRoute />),
        only(['admin'], paths.adminAccounts.path, <AccountsRoute />),
        only(['service'], paths.integration.path, <IntegrationRoute />),
        only(['supervisor', 'admin'], paths.accountView.path, <AccountViewRoute />),
        only(['supervisor', 'admin'], paths.collectorQueue.path, <CollectorQueueRoute />),
        only(['admin'], paths.imports.path, <ImportsRoute />),
        only(['supervisor', 'admin'], paths.messages.path, <MessageLogRoute />),
        only(['collector', 'supervisor', 'admin'], paths.results.path, <ResultsRoute />),
        only(['collector', 'supervisor', 'admin'], paths.contactLog.path, <ContactLogRoute />),
        only(['admin'], paths.scriptLibrary.path, <ScriptLibraryRoute />),
        only(['admin'], paths.policies.path, <PoliciesRoute />),
        only(['admin'], paths.audit.path, <AuditTrailRoute />),
        // Every role: reached from the user's name in the header.
        { path: paths.changePassword.path, element: <ChangePasswordRoute />, errorElement: <RouteError /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
