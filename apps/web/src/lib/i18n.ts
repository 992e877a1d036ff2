import type { Locale } from '@crm/contracts';
import i18n from 'i18next';
import { useEffect, useReducer } from 'react';
import { initReactI18next } from 'react-i18next';
import type { TextsPart } from '../locales/parts';

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

/**
 * Each language's texts, in two modules (ADR 054): the first load carries only the language in use,
 * and of it only the `first` part (login, layout, the workstation's queue: src/locales/parts.ts).
 */
const TEXTS: Record<Locale, Record<TextsPart, () => Promise<{ default: object }>>> = {
  en: { first: () => import('../locales/en.json?texts=first'), rest: () => import('../locales/en.json?texts=rest') },
  'zh-CN': {
    first: () => import('../locales/zh-CN.json?texts=first'),
    rest: () => import('../locales/zh-CN.json?texts=rest'),
  },
};

/** The parts every language in use needs: `rest` from the first screen beyond the first load on. */
const wanted = new Set<TextsPart>(['first']);
/** `${locale} ${part}` of the parts added to i18next. */
const added = new Set<string>();
/** Added, and still there (a language's bundle removed from i18next takes its parts with it). */
const isAdded = (locale: Locale, part: TextsPart) =>
  added.has(`${locale} ${part}`) && i18n.hasResourceBundle(locale, 'translation');

async function loadPart(locale: Locale, part: TextsPart) {
  if (isAdded(locale, part)) return;
  const texts = (await TEXTS[locale][part]()).default;
  i18n.addResourceBundle(locale, 'translation', texts, true, false);
  added.add(`${locale} ${part}`);
}

const hasTexts = (locale: Locale) => [...wanted].every((part) => isAdded(locale, part));

/** Fetch a language's texts the first time it is used (the two files have the same keys: locales.test.ts). */
export async function loadTexts(locale: Locale) {
  await Promise.all([...wanted].map((part) => loadPart(locale, part)));
}

/**
 * The texts of every screen, in the user's language and any other already in use: awaited by each
 * screen's code before it shows (router.tsx `screen`, the open account's panes), as i18next does
 * not redraw a screen when texts are added.
 */
export async function loadAllTexts() {
  wanted.add('rest');
  const inUse = new Set<Locale>([i18n.language as Locale]);
  for (const key of added) inUse.add(key.split(' ')[0] as Locale);
  await Promise.all([...inUse].filter((l) => l in TEXTS).map(loadTexts));
}

/**
 * Whether a language's texts are here, fetching them if not, for text shown in another language
 * than the user's (a script in the customer's language). The component re-renders when they arrive.
 */
export function useTexts(locale: string | undefined): boolean {
  const known = LOCALES.some((l) => l.code === locale);
  const ready = !known || hasTexts(locale as Locale);
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
