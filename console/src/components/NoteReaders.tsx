import { type NoteRecipients } from '../../../src/sdk/browser';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

/** Who a note of the chosen category would reach, as the SDK computed it from the releases, and who not and why. */
export function NoteReaders({ recipients, ownAgency, nameOf }: { recipients: NoteRecipients; ownAgency: string; nameOf: (agencyId: string) => string }) {
  const t = useT();
  return (
    <div aria-live="polite">
      <h3>{t('adv.addNote.readers')}</h3>
      <ul>
        <li>{t('adv.addNote.yourAgency', { agency: ownAgency })}</li>
        {recipients.grants.map((grant) => (
          <li key={grant.agencyId}>{nameOf(grant.agencyId)}</li>
        ))}
      </ul>
      {recipients.excluded.length > 0 && (
        <>
          <h3>{t('adv.addNote.excluded')}</h3>
          <ul>
            {recipients.excluded.map((excluded) => (
              <li key={excluded.agencyId}>{t('adv.addNote.excludedItem', { agency: nameOf(excluded.agencyId), reason: t(`adv.refused.${excluded.reason}` as MessageKey) })}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
