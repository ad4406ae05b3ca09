import { type Cell } from '../api/monitoring-rules';
import { useT } from '../i18n/i18n';

/** A released count, or the words for a hidden one: a suppressed cell is never shown as a number. */
export function CountText({ value, k }: { value: Cell; k: number }) {
  const t = useT();
  if (value === null) return <span className="cell-hidden">{t('monitoring.hidden', { k })}</span>;
  return <>{value}</>;
}
