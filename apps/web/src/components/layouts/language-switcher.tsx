import type { Locale } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../lib/i18n';

export function LanguageSwitcher({ onChange }: { onChange: (locale: Locale) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('shell.language')}</span>
      <select
        value={i18n.language}
        onChange={(e) => onChange(e.target.value as Locale)}
        aria-label={t('shell.language')}
      >
        {LOCALES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
