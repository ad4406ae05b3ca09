import { type FormEvent, useState } from 'react';
import type { NoteCategory } from '../../../src/sdk/browser';
import { NOTE_CATEGORIES } from '../../../src/sdk/browser-plain';
import { useAddNote } from '../api/use-case-work';
import { useLanguage } from '../i18n/i18n';
import { Loading } from './Loading';
import { NoteReaders } from './NoteReaders';
import { RefusalNotice } from './RefusalNotice';

/** Writes a note on the case: sealed in the key worker for exactly the agencies the SDK computes from the releases. */
export function AddNoteForm({ caseId, ownAgency, nameOf, onWritten }: { caseId: string; ownAgency: string; nameOf: (agencyId: string) => string; onWritten: () => void }) {
  const { t, language } = useLanguage();
  const work = useAddNote(caseId, onWritten);
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setEmpty(text.trim() === '');
    if (text.trim() === '') return;
    void work.write(text).then(() => setText(''));
  };
  return (
    <section aria-labelledby="add-note" className="card">
      <h2 id="add-note">{t('adv.addNote.title')}</h2>
      <form onSubmit={submit}>
        <label htmlFor="note-category">{t('adv.addNote.category')}</label>
        <select id="note-category" value={work.category} onChange={(event) => work.setCategory(event.target.value as NoteCategory)}>
          {NOTE_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`adv.category.${category}`)}
            </option>
          ))}
        </select>
        {work.recipients.status === 'loading' && <Loading />}
        {work.recipients.status === 'ready' && work.recipients.value && <NoteReaders recipients={work.recipients.value} ownAgency={ownAgency} nameOf={nameOf} />}
        {work.recipients.status === 'failed' && <RefusalNotice code={null} />}
        <label htmlFor="note-text">{t('adv.addNote.text')}</label>
        <textarea id="note-text" rows={4} value={text} aria-invalid={empty || undefined} aria-describedby={empty ? 'note-empty' : undefined} onChange={(event) => setText(event.target.value)} />
        {empty && (
          <p id="note-empty" className="problem">
            {t('adv.work.empty')}
          </p>
        )}
        <button type="submit" disabled={work.state.status === 'busy'}>
          {t(work.state.status === 'busy' ? 'adv.work.busy' : 'adv.addNote.submit')}
        </button>
      </form>
      {work.state.status === 'done' && (
        <p role="status" className="success">
          {t('adv.addNote.done', { agencies: new Intl.ListFormat(language, { type: 'conjunction' }).format(work.state.value.readers.map(nameOf)) })}
        </p>
      )}
      {work.state.status === 'refused' && <RefusalNotice code={work.state.code} />}
    </section>
  );
}
