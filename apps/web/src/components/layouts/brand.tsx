import { useTranslation } from 'react-i18next';

/** The application's mark and name, at the top of the sign-in card and of every screen. */
export function Brand() {
  const { t } = useTranslation();
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">
        ◆
      </span>
      {t('app.title')}
    </div>
  );
}
