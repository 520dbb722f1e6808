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

// ICU's plural form, without nesting: `{count, plural, one {# effort} other {# efforts}}`.
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other) \{[^{}]*\})+)\s*\}/g;
const PLURAL_FORM = /(=\d+|\w+) \{([^{}]*)\}/g;

/** The number in a parameter, which callers may pass already formatted (`1.234` in Danish). */
function countOf(value: string | number, locale: TLocale): number {
  if (typeof value === 'number') return value;
  const plain = value.replace(/\s/g, '');
  return Number(locale === 'da' ? plain.replace(/\./g, '').replace(',', '.') : plain.replace(/,/g, ''));
}

export function translate(locale: TLocale, key: MessageKey, params?: Params): string {
  const template = catalogues[locale][key] ?? catalogues.da[key] ?? key;
  if (!params) return template;
  const plurals = template.replace(PLURAL, (whole, name: string, body: string) => {
    if (!(name in params)) return whole;
    const count = countOf(params[name], locale);
    const forms = new Map([...body.matchAll(PLURAL_FORM)].map((m) => [m[1], m[2]]));
    const form = forms.get(`=${count}`) ?? forms.get(new Intl.PluralRules(locale).select(count)) ?? forms.get('other') ?? whole;
    return form.replace(/#/g, String(params[name]));
  });
  return plurals.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
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
