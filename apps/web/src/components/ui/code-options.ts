import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../lib/i18n';
import type { Option } from './field';

/**
 * A code list as select or checkbox options, each code shown in the reader's language from the
 * translations under `messages` (e.g. `useCodeOptions('stages', STAGES)` -> "M1 · 1–30").
 */
export function useCodeOptions<V extends string>(messages: string, codes: readonly V[]): Option<V>[] {
  const { t } = useTranslation();
  return codes.map((code) => ({ value: code, label: t(`${messages}.${code}`, { defaultValue: code }) }));
}

/** The languages of the interface, each named in itself ("English", "简体中文"). */
export const LOCALE_OPTIONS = LOCALES.map((l) => ({ value: l.code, label: l.label }));
