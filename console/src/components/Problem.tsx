import { useT } from '../i18n/i18n';

export function Problem({ message }: { message: string }) {
  const t = useT();
  return (
    <p role="alert" className="problem">
      {t('app.error', { message })}
    </p>
  );
}
