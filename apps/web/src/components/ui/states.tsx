import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-client';
import { useProblemText } from '../../lib/problems';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('states.loading')}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const hasFields = error instanceof ApiError && error.status < 500 && !!error.fields?.length;
  // The server's English summary repeats the fields; they are listed below in the reader's language.
  const message = hasFields
    ? t('errors.validation')
    : error instanceof ApiError && error.status < 500 && error.status !== 0
      ? error.message
      : t('errors.generic');
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div className="state state-error" role="alert">
      <p>{error instanceof ApiError && error.status === 0 ? t('errors.network') : message}</p>
      {error instanceof ApiError && error.status < 500 && error.fields && error.fields.length > 0 && (
        <ul className="small">
          {error.fields.map((f) => (
            <li key={`${f.field}:${f.message}`}>
              <span className="mono">{f.field}</span> {problemText(f)}
            </li>
          ))}
        </ul>
      )}
      {requestId && <p className="muted small">{t('errors.reference', { id: requestId })}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('states.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/** Shown while the first route loader runs (session check), instead of a blank page. */
export function FullPageLoading() {
  return (
    <div className="login-page">
      <LoadingState />
    </div>
  );
}
