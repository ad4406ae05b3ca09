import { exitNow } from '../safety/exit';
import { useT } from '../i18n/i18n';

/** GOV.UK's Exit this page, on every screen: one button at the top, and Escape ×3 anywhere. */
export function ExitThisPage() {
  const t = useT();
  return (
    <div className="exit-this-page">
      <button type="button" className="exit-button" onClick={exitNow}>
        {t('exit.button')}
      </button>
      <span className="exit-hint">{t('exit.hint')}</span>
    </div>
  );
}
