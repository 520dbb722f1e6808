/**
 * The language files and the hook that reads them. Danish is the default; all text shown on
 * screen lives in da.json and en.json, with `{name}` placeholders.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TLocale } from '../../contracts/common.ts';
import { setApiLanguage } from '../lib/api.ts';
import da from './da.json';
import en from './en.json';

export type MessageKey = keyof typeof da;
export type Params = Record<string, string | number>;

// Typed as complete catalogues: a key missing from en.json fails the type check.
const catalogues: Record<TLocale, Record<MessageKey, string>> = { da, en };

/** Is there a text for this key? For names that come from the server, such as audit actions. */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogues.da, key);
}

export function translate(locale: TLocale, key: MessageKey, params?: Params): string {
  const template = catalogues[locale][key] ?? catalogues.da[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const STORAGE_KEY = 'trekant.locale';

function initialLocale(): TLocale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'da' || stored === 'en') return stored;
  } catch {
    // Storage can be blocked; Danish is the default.
  }
  return 'da';
}

interface I18n {
  locale: TLocale;
  setLocale(locale: TLocale): void;
  t(key: MessageKey, params?: Params): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<TLocale>(initialLocale);
  setApiLanguage(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: TLocale) => {
    setApiLanguage(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered across visits then; the choice still holds for this one.
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
