import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';
import { useLogin } from '../api/login';
import type { SessionUser } from '@crm/contracts';

export function LoginForm({ onSuccess }: { onSuccess: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password }, { onSuccess: ({ user }) => onSuccess(user) });
  };

  const error = login.error;
  const message =
    error instanceof ApiError && error.status === 401
      ? t('login.badCredentials')
      : error instanceof ApiError && error.status === 429
        ? t('login.tooManyAttempts')
        : error
          ? t('errors.generic')
          : null;

  return (
    <form className="login-form" onSubmit={submit} noValidate aria-describedby={message ? errorId : undefined}>
      <label htmlFor="username">{t('login.username')}</label>
      <input
        id="username"
        name="username"
        autoComplete="username"
        autoFocus
        required
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <label htmlFor="password">{t('login.password')}</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {message && (
        <p id={errorId} role="alert" className="form-error">
          {message}
        </p>
      )}
      <button type="submit" className="button primary" disabled={login.isPending || !username || !password}>
        {login.isPending ? t('login.signingIn') : t('login.submit')}
      </button>
    </form>
  );
}
