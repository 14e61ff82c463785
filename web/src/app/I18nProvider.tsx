// UI language: browser language by default, switchable, remembered per user in
// localStorage. Also drives antd's and dayjs's locale.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import dayjs from "dayjs";
import "dayjs/locale/ja";
import { browserLocale, interpolate, isLocale, localeStorageKey, type Locale } from "../lib/i18n";
import { en, type MessageKey } from "./messages/en";
import { ja } from "./messages/ja";

const catalogs = { ja, en } as const;

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18nValue {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
  /** Re-reads the stored choice once the signed-in user is known. */
  bindUser: (userCode: string | undefined, userLocale?: string) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

function readStored(key: string): Locale | undefined {
  try {
    const value = localStorage.getItem(key);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function store(key: string, locale: Locale) {
  try {
    localStorage.setItem(key, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<string | undefined>(undefined);
  const [locale, setLocaleState] = useState<Locale>(
    () => readStored(localeStorageKey()) ?? browserLocale(navigator.languages ?? [navigator.language]),
  );

  useEffect(() => {
    document.documentElement.lang = locale;
    dayjs.locale(locale);
  }, [locale]);

  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      store(localeStorageKey(), next);
      if (user) store(localeStorageKey(user), next);
    },
    [user],
  );

  const bindUser = useCallback((userCode: string | undefined, userLocale?: string) => {
    setUser(userCode);
    if (!userCode) return;
    const stored = readStored(localeStorageKey(userCode));
    const chosen = stored ?? (isLocale(userLocale) ? userLocale : undefined);
    if (chosen) {
      setLocaleState(chosen);
      store(localeStorageKey(), chosen);
    }
  }, []);

  const value = useMemo<I18nValue>(() => {
    const catalog = catalogs[locale];
    const t: Translate = (key, values) => interpolate(catalog[key] ?? key, values);
    return { locale, t, setLocale, bindUser };
  }, [locale, setLocale, bindUser]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
