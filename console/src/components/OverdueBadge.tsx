import { useT } from '../i18n/i18n';

/** A text badge (not colour alone, WCAG 1.4.1). */
export function OverdueBadge() {
  return <strong className="badge-overdue">{useT()('referrals.overdue')}</strong>;
}
