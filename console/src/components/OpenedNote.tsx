import { useEffect, useRef } from 'react';
import { type useOpenNote } from '../api/use-cases';
import { useT } from '../i18n/i18n';
import { Loading } from './Loading';
import { RefusalNotice } from './RefusalNotice';

/** The note open now, decrypted in the key worker; the words are in this component's tree only. */
export function OpenedNote({ note, nameOf }: { note: ReturnType<typeof useOpenNote>; nameOf: (agencyId: string) => string }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = note.opened.status === 'ready' ? note.opened.value : null;
  useEffect(() => heading.current?.focus(), [ready?.note.id]);
  if (!note.noteId) return null;
  if (note.opened.status === 'loading') return <Loading />;
  if (!ready) return <RefusalNotice code={null} />;
  const category = t(`adv.category.${ready.note.category}`);
  return (
    <section aria-labelledby="opened-note" className="card">
      <h2 id="opened-note" ref={heading} tabIndex={-1}>
        {t('adv.note.title', { category })}
      </h2>
      <p className="sealed-text">{ready.text}</p>
      <p className="hint">{t('adv.note.sealed', { agency: nameOf(ready.note.authorAgencyId) })}</p>
      <button type="button" className="secondary" onClick={note.close}>
        {t('adv.note.close')}
      </button>
    </section>
  );
}
