import { type TimelineEvent } from '../api/case-timeline';
import { type MessageKey } from '../i18n/en';
import { useLanguage } from '../i18n/i18n';
import { OverdueBadge } from './OverdueBadge';
import { Time } from './Time';

export interface TimelineActions {
  nameOf: (agencyId: string | null) => string;
  openReferral: (referralId: string, direction: 'in' | 'out') => void;
  openNote: (noteId: string) => void;
  canOpen: boolean;
}

/** One event of a case's timeline, in words, with the other agency by name; referrals and notes open from here. */
export function TimelineEntry({ event, actions }: { event: TimelineEvent; actions: TimelineActions }) {
  const { t, language } = useLanguage();
  const names = (ids: string[]) => new Intl.ListFormat(language, { type: 'conjunction' }).format(ids.map(actions.nameOf));
  const categories = (codes: string[]) => new Intl.ListFormat(language, { type: 'conjunction' }).format(codes.map((code) => t(`adv.category.${code}` as MessageKey)));
  const agency = actions.nameOf(event.agencyId);
  switch (event.kind) {
    case 'referral': {
      const { referral } = event;
      return (
        <Entry at={event.at} title={t(event.direction === 'in' ? 'adv.event.referralIn' : 'adv.event.referralOut', { agency })}>
          <p>
            {t('adv.event.referralDetail', { purpose: t(`purpose.${referral.purpose}`), priority: t(`priority.${referral.priority}`), status: t(`status.${referral.status}`) })} {event.overdue && <OverdueBadge />}
          </p>
          <button type="button" disabled={!actions.canOpen} aria-label={t('adv.event.openReferralLabel', { direction: t(event.direction === 'in' ? 'adv.event.directionIn' : 'adv.event.directionOut'), agency })} onClick={() => actions.openReferral(event.id, event.direction)}>
            {t('adv.event.openReferral')}
          </button>
        </Entry>
      );
    }
    case 'note': {
      const category = t(`adv.category.${event.note.category}`);
      return (
        <Entry at={event.at} title={t('adv.event.note', { category, agency })}>
          <p>{t('adv.event.noteReaders', { agencies: names(event.readers) })}</p>
          <button type="button" disabled={!actions.canOpen} aria-label={t('adv.event.openNoteLabel', { category, time: new Date(event.at).toLocaleString(language) })} onClick={() => actions.openNote(event.id)}>
            {t('adv.event.openNote')}
          </button>
        </Entry>
      );
    }
    case 'release': {
      const current = event.consent.current;
      return (
        <Entry at={event.at} title={t('adv.event.release', { agency, purpose: t(`purpose.${current.purpose}`) })}>
          <p>{t('adv.event.releaseDetail', { status: t(`adv.consent.${event.consent.status}`), until: new Date(current.validUntil).toLocaleDateString(language, { dateStyle: 'medium' }) })}</p>
        </Entry>
      );
    }
    case 'revocation':
      return <Entry at={event.at} title={t('adv.event.revocation', { agency })} />;
    case 'disclosure':
      return <Entry at={event.at} title={t(event.refused ? 'adv.event.refused' : 'adv.event.disclosure', { agency, categories: categories(event.categories) })} />;
  }
}

function Entry({ at, title, children }: { at: string; title: string; children?: React.ReactNode }) {
  return (
    <li className="timeline-entry">
      <Time iso={at} />
      <h3>{title}</h3>
      {children}
    </li>
  );
}
