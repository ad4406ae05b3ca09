import { LANGUAGE_NAMES, type Language, useLanguage } from '../i18n/i18n';

export function LanguagePicker() {
  const { language, setLanguage, t } = useLanguage();
  return (
    <label className="language-picker">
      {t('app.language')}{' '}
      <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
        {(Object.keys(LANGUAGE_NAMES) as Language[]).map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
