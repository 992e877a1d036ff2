import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/ui/field';
import { ErrorState } from '../../../components/ui/states';
import { ApiError } from '../../../lib/api-client';
import { useChangePassword } from '../api/change-password';

type Field = 'currentPassword' | 'newPassword' | 'repeatPassword';

/** The signed-in user changes their own password (same rules as an admin reset). */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const id = useId();
  const change = useChangePassword();
  const [values, setValues] = useState<Record<Field, string>>({
    currentPassword: '',
    newPassword: '',
    repeatPassword: '',
  });
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, string>>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.reset();
    const problems: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) problems.currentPassword = t('changePassword.required');
    if (values.newPassword.length < 12 || values.newPassword.length > 200)
      problems.newPassword = t('changePassword.rules');
    else if (values.newPassword === values.currentPassword) problems.newPassword = t('changePassword.sameAsCurrent');
    if (values.repeatPassword !== values.newPassword) problems.repeatPassword = t('changePassword.mismatch');
    setLocalErrors(problems);
    if (Object.keys(problems).length) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      { onSuccess: () => setValues({ currentPassword: '', newPassword: '', repeatPassword: '' }) },
    );
  };

  // The server's field errors, in the user's language (its messages are English).
  const serverError = change.error instanceof ApiError ? change.error : null;
  const errors: Partial<Record<Field, string>> = { ...localErrors };
  for (const f of serverError?.status === 400 ? (serverError.fields ?? []) : []) {
    if (f.field === 'currentPassword') errors.currentPassword ??= t('changePassword.currentWrong');
    if (f.field === 'newPassword') errors.newPassword ??= t('changePassword.rules');
  }
  const handled =
    serverError &&
    (serverError.status === 429 || (serverError.status === 400 && (serverError.fields ?? []).length > 0));

  const input = (field: Field, label: string, autoComplete: string) => (
    <TextField
      id={`${id}-${field}`}
      type="password"
      label={label}
      value={values[field]}
      onChange={(value) => setValues({ ...values, [field]: value })}
      autoComplete={autoComplete}
      error={errors[field]}
    />
  );

  return (
    <form
      className="panel admin-form password-form"
      onSubmit={submit}
      noValidate
      aria-label={t('changePassword.title')}
    >
      {input('currentPassword', t('changePassword.current'), 'current-password')}
      {input('newPassword', t('changePassword.new'), 'new-password')}
      {input('repeatPassword', t('changePassword.repeat'), 'new-password')}
      <p className="muted small">{t('changePassword.hint')}</p>
      <div className="actions start">
        <button type="submit" className="button primary" disabled={change.isPending}>
          {change.isPending ? t('changePassword.saving') : t('changePassword.submit')}
        </button>
        {change.isSuccess && <span role="status">{t('changePassword.done')}</span>}
      </div>
      {serverError?.status === 429 && (
        <p role="alert" className="form-error">
          {t('login.tooManyAttempts')}
        </p>
      )}
      {change.isError && !handled && <ErrorState error={change.error} />}
    </form>
  );
}
