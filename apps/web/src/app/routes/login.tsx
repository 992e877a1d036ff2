import type { QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { redirect, useNavigate, useSearchParams, type LoaderFunctionArgs } from 'react-router';
import { Brand } from '../../components/layouts/brand';
import { LanguageSwitcher } from '../../components/layouts/language-switcher';
import { getMeQueryOptions } from '../../features/auth/api/get-me';
import { LoginForm } from '../../features/auth/components/login-form';
import { homeFor } from '../../config/paths';
import { setLocale } from '../../lib/i18n';

export const loginLoader = (queryClient: QueryClient) => async (_: LoaderFunctionArgs) => {
  const user = await queryClient.fetchQuery(getMeQueryOptions());
  return user ? redirect(homeFor(user.role)) : null;
};

/** Only same-site paths are followed after sign-in. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : null);

export function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const expired = params.get('reason') === 'expired';
  return (
    <div className="login-page">
      <div className="login-card">
        <div className="login-top">
          <Brand />
          <LanguageSwitcher onChange={(l) => void setLocale(l)} />
        </div>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {expired && (
          <p className="notice" role="status">
            {t('login.sessionExpired')}
          </p>
        )}
        <LoginForm
          onSuccess={(user) => navigate(safeNext(params.get('next')) ?? homeFor(user.role), { replace: true })}
        />
      </div>
    </div>
  );
}
