import { useEffect, useRef, useState } from 'react';
import type { StatusReason } from '../../../src/sdk/browser';
import { STATUS_REASONS } from '../../../src/sdk/browser-plain';
import { useOpenReferral } from '../api/use-referrals';
import { Loading } from '../components/Loading';
import { OverdueBadge } from '../components/OverdueBadge';
import { Problem } from '../components/Problem';
import { ReferralHistory } from '../components/ReferralHistory';
import { SealedContent } from '../components/SealedContent';
import { Time } from '../components/Time';
import { useT } from '../i18n/i18n';
import { openCaseStore, openReferralStore, screenStore } from '../state/stores';

/** The referral's case (this agency's own handle) on the Cases screen: state, not a URL. */
function showCaseTimeline(caseId: string): void {
  openReferralStore.set(null);
  openCaseStore.set(caseId);
  screenStore.set('cases');
}

/** One referral, its packet opened in the key worker; the receiver may accept or reject it. */
export function ReferralDetail() {
  const t = useT();
  const open = useOpenReferral();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [open.view?.referral.id]);
  if (open.opened.status === 'loading') return <Loading />;
  if (open.opened.status === 'failed' || !open.view) return <><Problem message={open.opened.status === 'failed' ? open.opened.message : ''} /><BackButton onBack={open.close} /></>;
  const { referral, content, history } = open.view;
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('referral.title', { agency: open.fromName })}
      </h1>
      <BackButton onBack={open.close} />
      <button type="button" className="secondary" onClick={() => showCaseTimeline(referral.caseId)}>
        {t('adv.referral.timeline')}
      </button>
      <dl>
        <dt>{t('referrals.to')}</dt>
        <dd>{open.toName}</dd>
        <dt>{t('referrals.purpose')}</dt>
        <dd>{t(`purpose.${referral.purpose}`)}</dd>
        <dt>{t('referrals.priority')}</dt>
        <dd>{t(`priority.${referral.priority}`)}</dd>
        <dt>{t('referrals.status')}</dt>
        <dd>
          {t(`status.${referral.status}`)} {open.overdue && <OverdueBadge />}
        </dd>
        <dt>{t('referrals.sent')}</dt>
        <dd>
          <Time iso={referral.createdAt} />
        </dd>
        {referral.deadlines.map((deadline) => (
          <div key={deadline.step} className="dl-row">
            <dt>{t(`step.${deadline.step}`)}</dt>
            <dd>
              <Time iso={deadline.respondBy} />
            </dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="referral-content" className="card">
        <h2 id="referral-content">{t('referral.content')}</h2>
        <SealedContent content={content} />
        <p className="hint">{t('referral.sealedNote', { agency: open.fromName })}</p>
      </section>
      {open.answerable && <Answer busy={open.answer === 'busy'} onAccept={open.accept} onReject={open.reject} />}
      <AnswerNotice answer={open.answer} />
      <ReferralHistory history={history} />
    </>
  );
}

function BackButton({ onBack }: { onBack: () => void }) {
  return (
    <button type="button" className="secondary" onClick={onBack}>
      {useT()('referral.back')}
    </button>
  );
}

function Answer({ busy, onAccept, onReject }: { busy: boolean; onAccept: () => void; onReject: (reason: StatusReason) => void }) {
  const t = useT();
  const [reason, setReason] = useState<StatusReason>(STATUS_REASONS.rejected[0]);
  return (
    <div className="actions">
      <button type="button" disabled={busy} onClick={onAccept}>
        {t('referral.accept')}
      </button>
      <label htmlFor="reject-reason">{t('referral.rejectReason')}</label>
      <select id="reject-reason" value={reason} onChange={(event) => setReason(event.target.value as StatusReason)}>
        {STATUS_REASONS.rejected.map((code) => (
          <option key={code} value={code}>
            {t(`reason.${code}`)}
          </option>
        ))}
      </select>
      <button type="button" className="danger" disabled={busy} onClick={() => onReject(reason)}>
        {t('referral.reject')}
      </button>
    </div>
  );
}

function AnswerNotice({ answer }: { answer: ReturnType<typeof useOpenReferral>['answer'] }) {
  const t = useT();
  if (answer === 'accepted' || answer === 'rejected') return <p role="status" className="success">{t(`referral.${answer}`)}</p>;
  if (answer === 'failed') return <p role="alert" className="problem">{t('referral.answerFailed')}</p>;
  return null;
}
