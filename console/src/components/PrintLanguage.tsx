import { CATALOGUES, type Language, LANGUAGE_NAMES } from '../i18n/i18n';
import { en, type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

/** The language a printout is in: the survivor's, whatever the screen's (the UI's language is the advocate's). */
export function PrintLanguage({ id, label, value, onChange }: { id: string; label: MessageKey; value: Language; onChange: (language: Language) => void }) {
  const t = useT();
  return (
    <>
      <label htmlFor={id}>{t(label)}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as Language)}>
        {(Object.keys(CATALOGUES) as Language[]).map((language) => (
          <option key={language} value={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </>
  );
}

/** The catalogue language closest to a BCP 47 tag (es-MX → es), else English. */
export function languageOfTag(tag: string): Language {
  const base = tag.slice(0, 2).toLowerCase();
  return base in CATALOGUES ? (base as Language) : 'en';
}

export function printDay(iso: string, language: Language): string {
  return new Date(iso).toLocaleDateString(language, { dateStyle: 'long', timeZone: 'UTC' });
}

/** A code's words from the catalogue (`prefix.code`); a code the catalogue does not know yet shows with spaces, never an error. */
export function sayCode(p: (key: MessageKey) => string, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return key in en ? p(key as MessageKey) : code.replace(/_/g, ' ');
}
