import type { QueryClient } from '@tanstack/react-query';
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
import { paths } from '../config/paths';
import { FullPageLoading } from '../components/ui/states';

export function createRouter(queryClient: QueryClient) {
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
        {
          path: paths.work.path,
          element: <WorkstationRoute />,
          loader: requireRole(queryClient, ['collector']),
          errorElement: <RouteError />,
        },
        {
          path: paths.workAccount.path,
          element: <WorkstationRoute />,
          loader: async (args) => {
            await requireRole(queryClient, ['collector'])(args);
            return caseLoader(queryClient)(args);
          },
          errorElement: <RouteError />,
        },
        {
          path: paths.myAccounts.path,
          element: <CollectorWorkRoute />,
          loader: requireRole(queryClient, ['collector']),
          errorElement: <RouteError />,
        },
        {
          path: paths.supervise.path,
          element: <SupervisorOverviewRoute />,
          loader: requireRole(queryClient, ['supervisor']),
          errorElement: <RouteError />,
        },
        {
          path: paths.supervisorAccounts.path,
          element: <AccountsRoute />,
          loader: requireRole(queryClient, ['supervisor']),
          errorElement: <RouteError />,
        },
        {
          path: paths.admin.path,
          element: <AdminHomeRoute />,
          loader: requireRole(queryClient, ['admin']),
          errorElement: <RouteError />,
        },
        {
          path: paths.adminAccounts.path,
          element: <AccountsRoute />,
          loader: requireRole(queryClient, ['admin']),
          errorElement: <RouteError />,
        },
        {
          path: paths.integration.path,
          element: <IntegrationRoute />,
          loader: requireRole(queryClient, ['service']),
          errorElement: <RouteError />,
        },
        {
          path: paths.accountView.path,
          element: <AccountViewRoute />,
          loader: requireRole(queryClient, ['supervisor', 'admin']),
          errorElement: <RouteError />,
        },
        {
          path: paths.imports.path,
          element: <ImportsRoute />,
          loader: requireRole(queryClient, ['admin']),
          errorElement: <RouteError />,
        },
        {
          path: paths.messages.path,
          element: <MessageLogRoute />,
          loader: requireRole(queryClient, ['supervisor', 'admin']),
          errorElement: <RouteError />,
        },
        {
          path: paths.results.path,
          element: <ResultsRoute />,
          loader: requireRole(queryClient, ['collector', 'supervisor', 'admin']),
          errorElement: <RouteError />,
        },
        {
          path: paths.contactLog.path,
          element: <ContactLogRoute />,
          loader: requireRole(queryClient, ['collector', 'supervisor', 'admin']),
          errorElement: <RouteError />,
        },
        {
          path: paths.scriptLibrary.path,
          element: <ScriptLibraryRoute />,
          loader: requireRole(queryClient, ['admin']),
          errorElement: <RouteError />,
        },
        {
          path: paths.policies.path,
          element: <PoliciesRoute />,
          loader: requireRole(queryClient, ['admin']),
          errorElement: <RouteError />,
        },
        {
          path: paths.audit.path,
          element: <AuditTrailRoute />,
          loader: requireRole(queryClient, ['admin']),
          errorElement: <RouteError />,
        },
        // Every role: reached from the user's name in the header.
        { path: paths.changePassword.path, element: <ChangePasswordRoute />, errorElement: <RouteError /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
