import type { SessionUser } from '@crm/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { Page } from '../../components/ui/page';
import { ErrorState } from '../../components/ui/states';
import { useMe } from '../../features/auth/api/get-me';
import { ChangePasswordForm } from '../../features/auth/components/change-password-form';
import { paths } from '../../config/paths';

// Thin route modules: each composes feature components into a screen. Here: what every screen shares
// and the few small screens; the others each have their own module, loaded on first visit (ADR 044).

/**
 * A screen titled and described by its translations (`<messages>.title`, `.description`; with
 * `collectorTitle`, a collector's own, `.titleCollector`: "My calls"). Its content may need the
 * signed-in user (the layout's loader has loaded them).
 */
export function Screen({
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
