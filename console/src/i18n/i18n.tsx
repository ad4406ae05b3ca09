import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { type Catalogue, en, type MessageKey } from './en';
import { es } from './es';

/** Add a language: one catalogue file and one line here. */
export const CATALOGUES = { en, es } as const satisfies Record<string, Catalogue>;
export type Language = keyof typeof CATALOGUES;
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español' };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const LanguageContext = createContext<LanguageState | null>(null);

/** The browser's preferred language if we have it; the choice is kept in memory only, never stored. */
function preferredLanguage(): Language {
  const wanted = navigator.languages.map((tag) => tag.slice(0, 2).toLowerCase());
  return (wanted.find((tag): tag is Language => tag in CATALOGUES) ?? 'en');
}

export function translator(language: Language): Translate {
  const catalogue: Catalogue = CATALOGUES[language];
  return (key, values = {}) => catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(preferredLanguage);
  const state = useMemo(() => ({ language, setLanguage, t: translator(language) }), [language]);
  return <LanguageContext.Provider value={state}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage outside LanguageProvider');
  return state;
}

export function useT(): Translate {
  return useLanguage().t;
}
