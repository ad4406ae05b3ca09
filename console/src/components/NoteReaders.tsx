import { type NoteRecipients } from '../../../src/sdk/browser';
import { useT } from '../i18n/i18n';
import { ReaderList } from './ReaderList';

const LABELS = { readers: 'adv.addNote.readers', leftOut: 'adv.addNote.excluded', leftOutItem: 'adv.addNote.excludedItem' } as const;

/** Who a note of the chosen category would reach, as the SDK computed it from the releases, and who not and why. */
export function NoteReaders({ recipients, ownAgency, nameOf }: { recipients: NoteRecipients; ownAgency: string; nameOf: (agencyId: string) => string }) {
  const t = useT();
  const readerIds = recipients.grants.map((grant) => grant.agencyId);
  return <ReaderList own={t('adv.addNote.yourAgency', { agency: ownAgency })} readerIds={readerIds} leftOut={recipients.excluded} nameOf={nameOf} labels={LABELS} />;
}
