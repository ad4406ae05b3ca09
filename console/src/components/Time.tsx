import { useLanguage } from '../i18n/i18n';

export function Time({ iso }: { iso: string }) {
  const { language } = useLanguage();
  return <time dateTime={iso}>{new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'medium' })}</time>;
}
