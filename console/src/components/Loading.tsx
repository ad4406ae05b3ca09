import { useT } from '../i18n/i18n';

export function Loading() {
  return <p aria-live="polite">{useT()('app.loading')}</p>;
}
