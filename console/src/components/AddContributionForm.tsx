import { type FormEvent, useState } from 'react';
import { type CaseHandle } from '../../../src/sdk/browser';
import { shortHandle } from '../api/case-timeline';
import { contributionReaders } from '../api/team-rules';
import { type ContributionTarget, useAddContribution } from '../api/use-team';
import { useLanguage } from '../i18n/i18n';
import { Loading } from './Loading';
import { ReaderList } from './ReaderList';
import { RefusalNotice } from './RefusalNotice';

const READER_LABELS = { readers: 'contrib.add.readers', leftOut: 'contrib.add.leftOut', leftOutItem: 'contrib.add.leftOutItem' } as const;

/**
 * Adds a contribution to an agenda item of a meeting this agency attends: sealed in the key worker
 * on one of its own cases for exactly the attending agencies a release of that case covers (the
 * SDK computes them); who will read it, and who is left out and why, is shown first.
 */
export function AddContributionForm({ targets, cases, agencyId, name, onWritten }: { targets: ContributionTarget[]; cases: CaseHandle[]; agencyId: string; name: (id: string) => string; onWritten: () => void }) {
  const { t, language } = useLanguage();
  const [index, setIndex] = useState(0);
  const target = targets[index] ?? null;
  const work = useAddContribution(target, cases, onWritten);
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const when = (iso: string) => new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
  const readers = target && work.recipients.status === 'ready' && work.recipients.value ? contributionReaders(work.recipients.value, target.meeting.attendeeAgencyIds, agencyId) : null;
  const list = (ids: string[]) => new Intl.ListFormat(language, { type: 'conjunction' }).format(ids.map(name));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setEmpty(text.trim() === '');
    if (text.trim() === '') return;
    void work.write(text).then((written) => written && setText(''));
  };
  if (!target) return <p>{t('contrib.add.none')}</p>;
  return (
    <form onSubmit={submit}>
      <label htmlFor="contrib-item">{t('contrib.add.item')}</label>
      <select id="contrib-item" value={index} onChange={(event) => setIndex(Number(event.target.value))}>
        {targets.map((each, position) => (
          <option key={`${each.meeting.id}:${each.referral.id}`} value={position}>
            {t('contrib.add.itemOption', { team: each.teamName, time: when(each.meeting.heldAt), agency: name(each.referral.referringAgencyId), reason: t(`team.reason.${each.referral.reason}`) })}
          </option>
        ))}
      </select>
      {work.cases.length === 0 ? (
        <p>{t('contrib.add.noCases')}</p>
      ) : (
        <>
          <label htmlFor="contrib-case">{t('contrib.add.case')}</label>
          <select id="contrib-case" value={work.caseId ?? ''} onChange={(event) => work.pick(event.target.value)}>
            {work.cases.map((each) => (
              <option key={each.caseId} value={each.caseId}>
                {t(`contrib.add.caseOption.${each.relation}`, { handle: shortHandle(each.caseId), time: when(cases.find((handle) => handle.id === each.caseId)?.createdAt ?? '') })}
              </option>
            ))}
          </select>
        </>
      )}
      {!work.keysOpen && <p className="hint">{t('contrib.add.needKeys')}</p>}
      {work.keysOpen && work.recipients.status === 'loading' && <Loading />}
      {work.recipients.status === 'failed' && <RefusalNotice code={null} />}
      {readers && (
        <ReaderList own={t('contrib.add.yourAgency')} readerIds={readers.readers} leftOut={readers.leftOut} nameOf={name} labels={READER_LABELS}>
          {readers.readers.length === 0 && <p className="warning">{t('contrib.add.nobody')}</p>}
        </ReaderList>
      )}
      <label htmlFor="contrib-text">{t('contrib.add.text')}</label>
      <textarea id="contrib-text" rows={4} value={text} aria-invalid={empty || undefined} aria-describedby={empty ? 'contrib-empty' : undefined} onChange={(event) => setText(event.target.value)} />
      {empty && (
        <p id="contrib-empty" className="problem">
          {t('contrib.add.empty')}
        </p>
      )}
      <button type="submit" disabled={!readers || readers.readers.length === 0 || work.state.status === 'busy'}>
        {t(work.state.status === 'busy' ? 'contrib.add.busy' : 'contrib.add.submit')}
      </button>
      {work.state.status === 'done' && (
        <p role="status" className="success">
          {t('contrib.add.done', { agencies: list(work.state.readers) })}
        </p>
      )}
      {work.state.status === 'refused' && <RefusalNotice code={work.state.code} />}
    </form>
  );
}
