import { en, type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

/** Why the SDK refused (a policy code in words), or a plain "try again": never the worker's raw message, which may name ids. */
export function RefusalNotice({ code }: { code: string | null }) {
  const t = useT();
  const key = `adv.refused.${code ?? ''}`;
  return (
    <p role="alert" className="problem">
      {code !== null && key in en ? `${t('adv.refused.generic')} (${t(key as MessageKey)})` : t('adv.refused.generic')}
    </p>
  );
}
