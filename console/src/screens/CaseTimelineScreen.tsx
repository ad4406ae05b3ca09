import { useEffect, useRef } from 'react';
import { shortHandle } from '../api/case-timeline';
import { useCaseTimeline, useOpenNote } from '../api/use-cases';
import { AddNoteForm } from '../components/AddNoteForm';
import { AgencyKeysPanel } from '../components/AgencyKeysPanel';
import { Loading } from '../components/Loading';
import { OpenedNote } from '../components/OpenedNote';
import { Problem } from '../components/Problem';
import { SendReferralForm } from '../components/SendReferralForm';
import { TimelineEntry } from '../components/TimelineEntry';
import { useLanguage } from '../i18n/i18n';
import { useStore } from '../state/store';
import { agencyKeysStore, sessionStore } from '../state/stores';

/** One case: its timeline (oldest first), the note open now, and the forms to add a note and send a referral. */
export function CaseTimelineScreen({ caseId }: { caseId: string }) {
  const { t, language } = useLanguage();
  const timeline = useCaseTimeline();
  const note = useOpenNote();
  const keysOpen = useStore(agencyKeysStore) !== null;
  const session = useStore(sessionStore);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const own = session.status === 'signed-in' ? timeline.nameOf(session.principal.agencyId) : '';
  const loaded = timeline.history.status === 'ready' ? timeline.history.value : null;
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('adv.timeline.title')}
      </h1>
      <button type="button" className="secondary" onClick={timeline.close}>
        {t('adv.timeline.back')}
      </button>
      {loaded && <p>{t('adv.timeline.intro', { handle: shortHandle(caseId), time: new Date(loaded.handle.createdAt).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>}
      <AgencyKeysPanel />
      {timeline.history.status === 'loading' && <Loading />}
      {timeline.history.status === 'failed' && <Problem message={timeline.history.message} />}
      {loaded && (
        <section aria-labelledby="timeline-events">
          <h2 id="timeline-events">{t('adv.timeline.caption')}</h2>
          {loaded.accounting === null && <p className="hint">{t('adv.timeline.noAccounting')}</p>}
          {timeline.events.length === 0 ? (
            <p>{t('adv.timeline.empty')}</p>
          ) : (
            <ol className="timeline">
              {timeline.events.map((event) => (
                <TimelineEntry key={`${event.kind}-${event.id}`} event={event} actions={{ nameOf: timeline.nameOf, openReferral: timeline.openReferral, openNote: note.open, canOpen: keysOpen }} />
              ))}
            </ol>
          )}
        </section>
      )}
      <OpenedNote note={note} nameOf={timeline.nameOf} />
      {keysOpen ? (
        <>
          <AddNoteForm caseId={caseId} ownAgency={own} nameOf={timeline.nameOf} onWritten={timeline.reload} />
          <SendReferralForm caseId={caseId} nameOf={timeline.nameOf} onSent={timeline.reload} />
        </>
      ) : (
        <p className="hint">{t('adv.note.keys')}</p>
      )}
    </>
  );
}
