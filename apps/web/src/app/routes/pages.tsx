import { useTranslation } from 'react-i18next';
import { Link, isRouteErrorResponse, useParams, useRouteError, useSearchParams } from 'react-router';
import { Page } from '../../components/ui/page';
import { ErrorState, LoadingState } from '../../components/ui/states';
import { useCaseFile } from '../../features/case-file/api/get-case-file';
import { CaseFileView } from '../../features/case-file/components/case-file-view';
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

export function CollectorWorkRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('work.title')} description={t('work.description')}>
      <StageSummary />
      <AccountsTable hrefFor={(id) => paths.workAccount.getHref(id)} />
    </Page>
  );
}

export function SupervisorOverviewRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('supervise.title')} description={t('supervise.description')}>
      <h2>{t('reports.byStage')}</h2>
      <StageSummary />
      <h2>{t('teams.title')}</h2>
      <TeamsList />
      <h2>{t('users.teamMembers')}</h2>
      <UsersTable />
    </Page>
  );
}

export function AccountsRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('accounts.title')} description={t('accounts.description')}>
      <AccountsTable showCollector hrefFor={(id) => paths.accountView.getHref(id)} />
    </Page>
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
          <CaseFileView caseFile={caseFile.data} />
        </div>
      )}
    </Page>
  );
}

export function AdminHomeRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('admin.title')} description={t('admin.description')}>
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
    </Page>
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
  const { t } = useTranslation();
  return (
    <Page title={t('changePassword.title')} description={t('changePassword.description')}>
      <ChangePasswordForm />
    </Page>
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
  const { t } = useTranslation();
  return (
    <Page title={t('messages.title')} description={t('messages.description')}>
      <MessageLog />
    </Page>
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

export function ResultsRoute() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return null;
  return (
    <Page
      title={t(me.data.role === 'collector' ? 'kpi.titleCollector' : 'kpi.title')}
      description={t('kpi.description')}
    >
      <KpiDashboard user={me.data} />
    </Page>
  );
}

export function ContactLogRoute() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return null;
  return (
    <Page
      title={t(me.data.role === 'collector' ? 'contactLog.titleCollector' : 'contactLog.title')}
      description={t('contactLog.description')}
    >
      <ContactLog user={me.data} />
    </Page>
  );
}

/** Admins search the audit trail; every search and export is itself recorded. */
export function AuditTrailRoute() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return null;
  return (
    <Page title={t('audit.title')} description={t('audit.description')}>
      <AuditTrail user={me.data} />
    </Page>
  );
}

function AdminNewUser() {
  const teams = useTeams();
  return <NewUserForm teams={teams.data?.items ?? []} />;
}

export function ScriptLibraryRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('scriptLibrary.title')} description={t('scriptLibrary.description')}>
      <ScriptLibrary />
      <ObjectionsEditor />
    </Page>
  );
}

export function PoliciesRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('policies.title')} description={t('policies.description')}>
      <PoliciesEditor />
    </Page>
  );
}
