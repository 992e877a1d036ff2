import type { Locale } from '@crm/contracts';
import { useTranslation } from 'react-i18next';
import { LOCALE_OPTIONS } from '../ui/code-options';
import { Options } from '../ui/field';

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
        <Options options={LOCALE_OPTIONS} />
      </select>
    </label>
  );
}
