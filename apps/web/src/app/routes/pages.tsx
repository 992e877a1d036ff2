import type { SessionUser } from '@crm/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, isRouteErrorResponse, useParams, useRouteError, useSearchParams } from 'react-router';
import { Page } from '../../components/ui/page';
import { ErrorState, LoadingState } from '../../components/ui/states';
import { useCaseFile } from '../../features/case-file/api/get-case-file';
import { CaseFileView } from '../../features/case-file/components/case-file-view';
import { StopFlagsPanel } from '../../features/stop-flags/components/stop-flags-panel';
import { PromiseActions } from '../../features/promises/components/promise-actions';
import { AccountsTable } from '../../features/accounts/components/accounts-table';
import { StageSummary } from '../../features/reports/components/stage-summary';
import { TeamsList } from '../../features/users/components/teams-list';
import { UsersTable } from '../../features/users/components/users-table';
import { MessageLog } from '../../features/messages/components/message-log';
import { CsvImport } from '../../features/imports/components/csv-import';
import { useMe } from '../../features/auth/api/get-me';
import { ChangePasswordForm } from '../../features/auth/components/change-password-form';
import { useTeams } from '../../features/users/api/get-teams';
import { NewUserForm } from '../../features/users/components/user-admin';
import { AssignAccounts } from '../../features/accounts/components/assign-accounts';
import { ScriptLibrary } from '../../features/scripts/components/script-library';
import { ObjectionsEditor } from '../../features/scripts/components/objections-editor';
import { PoliciesEditor } from '../../features/policies/components/policies-editor';
import { ContactLog } from '../../features/contacts/components/contact-log';
import { AuditTrail } from '../../features/audit/components/audit-trail';
import { KpiDashboard } from '../../features/reports/components/kpi-dashboard';
import { paths } from '../../config/paths';

// Thin route modules: each composes feature components into a screen.

/**
 * A screen titled and described by its translations (`<messages>.title`, `.description`; with
 * `collectorTitle`, a collector's own, `.titleCollector`: "My calls"). Its content may need the
 * signed-in user (the layout's loader has loaded them).
 */
function Screen({
  messages,
  collectorTitle = false,
  children,
}: {
  messages: string;
  collectorTitle?: boolean;
  children: ReactNode | ((user: SessionUser) => ReactNode);
}) {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return null;
  const user = me.data;
  const title = collectorTitle && user.role === 'collector' ? 'titleCollector' : 'title';
  return (
    <Page title={t(`${messages}.${title}`)} description={t(`${messages}.description`)}>
      {typeof children === 'function' ? children(user) : children}
    </Page>
  );
}

export function CollectorWorkRoute() {
  return (
    <Screen messages="work">
      <StageSummary />
      <AccountsTable hrefFor={(id) => paths.workAccount.getHref(id)} />
    </Screen>
  );
}

export function SupervisorOverviewRoute() {
  const { t } = useTranslation();
  return (
    <Screen messages="supervise">
      <h2>{t('reports.byStage')}</h2>
      <StageSummary />
      <h2>{t('teams.title')}</h2>
      <TeamsList />
      <h2>{t('users.teamMembers')}</h2>
      <UsersTable />
    </Screen>
  );
}

export function AccountsRoute() {
  return (
    <Screen messages="accounts">
      <AccountsTable showCollector hrefFor={(id) => paths.accountView.getHref(id)} />
    </Screen>
  );
}

/** Supervisors and admins read a case file (the view is audit-logged like any other). */
export function AccountViewRoute() {
  const { t } = useTranslation();
  const { accountId } = useParams();
  const caseFile = useCaseFile(accountId!);
  return (
    <Page title={t('caseFile.title')}>
      {caseFile.isPending ? (
        <LoadingState />
      ) : caseFile.isError ? (
        <ErrorState error={caseFile.error} onRetry={() => void caseFile.refetch()} />
      ) : (
        <div className="panel case-panel">
          <CaseFileView
            caseFile={caseFile.data}
            stopFlags={<StopFlagsPanel accountId={caseFile.data.account.id} />}
            promiseActions={(p) => <PromiseActions accountId={caseFile.data.account.id} promise={p} />}
          />
        </div>
      )}
    </Page>
  );
}

export function AdminHomeRoute() {
  const { t } = useTranslation();
  return (
    <Screen messages="admin">
      <h2>{t('teams.title')}</h2>
      <TeamsList manage />
      <h2>{t('users.title')}</h2>
      <details className="add-user">
        <summary>{t('userAdmin.add')}</summary>
        <AdminNewUser />
      </details>
      <UsersTable manage />
      <h2>{t('assign.title')}</h2>
      <AssignAccounts />
      <h2>{t('reports.byStage')}</h2>
      <StageSummary />
    </Screen>
  );
}

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <Link to={paths.home.getHref()}>{t('notFound.home')}</Link>
    </Page>
  );
}

/** Error boundary for a route: a readable message, never a blank screen. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundRoute />;
  return (
    <div className="content">
      <h1>{t('errors.title')}</h1>
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </div>
  );
}

/** Any signed-in user changes their own password. */
export function ChangePasswordRoute() {
  return (
    <Screen messages="changePassword">
      <ChangePasswordForm />
    </Screen>
  );
}

/** Service accounts exist for integrations; the screen only says where to go. */
export function IntegrationRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('integration.title')}>
      <p>{t('integration.body')}</p>
      <a href="/api/docs">/api/docs</a>
    </Page>
  );
}

export function MessageLogRoute() {
  return (
    <Screen messages="messages">
      <MessageLog />
    </Screen>
  );
}

export function ImportsRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const kind = params.get('kind') === 'portfolio' ? 'portfolio' : 'payments';
  return (
    <Page title={t('imports.title')} description={t('imports.description')}>
      <nav className="subnav" aria-label={t('imports.kinds')}>
        {(['payments', 'portfolio'] as const).map((k) => (
          <Link
            key={k}
            to={`?kind=${k}`}
            aria-current={k === kind ? 'page' : undefined}
            className={k === kind ? 'active' : undefined}
          >
            {t(`imports.${k}.tab`)}
          </Link>
        ))}
      </nav>
      <p className="muted section-lead">{t(`imports.${kind}.description`)}</p>
      <CsvImport key={kind} kind={kind} />
    </Page>
  );
}

/** My results for a collector, the results of the people in scope for the others. */
export function ResultsRoute() {
  return (
    <Screen messages="kpi" collectorTitle>
      {(user) => <KpiDashboard user={user} />}
    </Screen>
  );
}

/** My calls for a collector, the contact log of the people in scope for the others. */
export function ContactLogRoute() {
  return (
    <Screen messages="contactLog" collectorTitle>
      {(user) => <ContactLog user={user} />}
    </Screen>
  );
}

/** Admins search the audit trail; every search and export is itself recorded. */
export function AuditTrailRoute() {
  return <Screen messages="audit">{(user) => <AuditTrail user={user} />}</Screen>;
}

function AdminNewUser() {
  const teams = useTeams();
  return <NewUserForm teams={teams.data?.items ?? []} />;
}

export function ScriptLibraryRoute() {
  return (
    <Screen messages="scriptLibrary">
      <ScriptLibrary />
      <ObjectionsEditor />
    </Screen>
  );
}

export function PoliciesRoute() {
  return (
    <Screen messages="policies">
      <PoliciesEditor />
    </Screen>
  );
}
