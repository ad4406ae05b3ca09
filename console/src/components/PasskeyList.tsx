import { type PasskeyAnswer } from '../../../src/sdk/browser';
import { useT } from '../i18n/i18n';
import { ScrollTable } from './ScrollTable';
import { Time } from './Time';

/** The person's passkeys, each with whether it unlocks their keys, and a Remove button. */
export function PasskeyList({ passkeys, busy, onRemove }: { passkeys: readonly PasskeyAnswer[]; busy: boolean; onRemove: (passkey: PasskeyAnswer) => void }) {
  const t = useT();
  if (passkeys.length === 0) return <p>{t('passkeys.none')}</p>;
  return (
    <ScrollTable caption={t('passkeys.listLabel')} columns={[t('passkeys.added'), t('passkeys.lastUsed'), t('passkeys.unlocks'), t('passkeys.actions')]}>
      {passkeys.map((passkey, index) => (
        <tr key={passkey.id}>
          <td>
            <Time iso={passkey.createdAt} />
          </td>
          <td>{passkey.lastUsedAt ? <Time iso={passkey.lastUsedAt} /> : t('passkeys.never')}</td>
          <td>{passkey.envelope ? t('passkeys.yes') : t('passkeys.no')}</td>
          <td>
            <button type="button" disabled={busy} onClick={() => onRemove(passkey)}>
              {t('passkeys.remove', { n: String(index + 1) })}
            </button>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
