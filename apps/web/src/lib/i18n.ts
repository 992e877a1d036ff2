import type { Locale } from '@crm/contracts';
import i18n from 'i18next';
import { useEffect, useReducer } from 'react';
import { initReactI18next } from 'react-i18next';

export const LOCALES: { code: Locale; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
];

const STORAGE_KEY = 'crm.locale';

/** Before sign-in: the last language used on this browser, else the browser's own. */
export function initialLocale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Each language's texts, a module of its own: the first load carries only the language in use (ADR 044). */
const TEXTS: Record<Locale, () => Promise<{ default: object }>> = {
  en: () => import('../locales/en.json'),
  'zh-CN': () => import('../locales/zh-CN.json'),
};

/** Fetch a language's texts the first time it is used (the two files have the same keys: locales.test.ts). */
export async function loadTexts(locale: Locale) {
  if (i18n.hasResourceBundle(locale, 'translation')) return;
  i18n.addResourceBundle(locale, 'translation', (await TEXTS[locale]()).default);
}

/**
 * Whether a language's texts are here, fetching them if not, for text shown in another language
 * than the user's (a script in the customer's language). The component re-renders when they arrive.
 */
export function useTexts(locale: string | undefined): boolean {
  const known = LOCALES.some((l) => l.code === locale);
  const ready = !known || i18n.hasResourceBundle(locale!, 'translation');
  const [, arrived] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!ready) void loadTexts(locale as Locale).then(arrived);
  }, [locale, ready]);
  return ready;
}

export async function setLocale(locale: Locale) {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  await loadTexts(locale);
  await i18n.changeLanguage(locale);
}

export function initI18n(locale: Locale = initialLocale()) {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      // Texts are added by loadTexts before a language is shown (setLocale, main.tsx).
      resources: {},
      partialBundledLanguages: true,
      lng: locale,
      fallbackLng: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return i18n;
}
