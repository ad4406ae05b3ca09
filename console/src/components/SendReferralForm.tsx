import { type FormEvent, useState } from 'react';
import type { ReferralPriority } from '../../../src/sdk/browser';
import { REFERRAL_PRIORITIES } from '../../../src/sdk/browser-plain';
import { useSendReferral } from '../api/use-case-work';
import { useT } from '../i18n/i18n';
import { Loading } from './Loading';
import { RefusalNotice } from './RefusalNotice';

/** Refers the case to an agency (by name) a release of it allows; the words are sealed in the key worker. */
export function SendReferralForm({ caseId, nameOf, onSent }: { caseId: string; nameOf: (agencyId: string) => string; onSent: () => void }) {
  const t = useT();
  const work = useSendReferral(caseId, onSent);
  const [chosen, setChosen] = useState('');
  const [priority, setPriority] = useState<ReferralPriority>('routine');
  const [message, setMessage] = useState('');
  const [empty, setEmpty] = useState(false);
  const targets = work.targets.status === 'ready' ? (work.targets.value ?? []) : [];
  const target = targets.find((each) => each.agencyId === chosen) ?? targets[0];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setEmpty(message.trim() === '');
    if (!target || message.trim() === '') return;
    void work.send(target, priority, message).then(() => setMessage(''));
  };
  return (
    <section aria-labelledby="send-referral" className="card">
      <h2 id="send-referral">{t('adv.send.title')}</h2>
      {work.targets.status === 'loading' && <Loading />}
      {work.targets.status === 'failed' && <RefusalNotice code={null} />}
      {work.targets.status === 'ready' && targets.length === 0 && <p>{t('adv.send.none')}</p>}
      {target && (
        <form onSubmit={submit}>
          <label htmlFor="referral-to">{t('adv.send.to')}</label>
          <select id="referral-to" value={target.agencyId} onChange={(event) => setChosen(event.target.value)}>
            {targets.map((each) => (
              <option key={each.agencyId} value={each.agencyId}>
                {nameOf(each.agencyId)}
              </option>
            ))}
          </select>
          <p>
            {t('adv.send.purpose')}: <strong>{t(`purpose.${target.purpose}`)}</strong>
          </p>
          <label htmlFor="referral-priority">{t('adv.send.priority')}</label>
          <select id="referral-priority" value={priority} onChange={(event) => setPriority(event.target.value as ReferralPriority)}>
            {REFERRAL_PRIORITIES.map((code) => (
              <option key={code} value={code}>
                {t(`priority.${code}`)}
              </option>
            ))}
          </select>
          <label htmlFor="referral-message">{t('adv.send.message')}</label>
          <textarea id="referral-message" rows={4} value={message} aria-invalid={empty || undefined} aria-describedby={empty ? 'referral-empty' : undefined} onChange={(event) => setMessage(event.target.value)} />
          {empty && (
            <p id="referral-empty" className="problem">
              {t('adv.work.empty')}
            </p>
          )}
          <button type="submit" disabled={work.state.status === 'busy'}>
            {t(work.state.status === 'busy' ? 'adv.work.busy' : 'adv.send.submit')}
          </button>
        </form>
      )}
      {work.state.status === 'done' && (
        <p role="status" className="success">
          {t('adv.send.done', { agency: nameOf(work.state.value.toAgencyId) })}
        </p>
      )}
      {work.state.status === 'refused' && <RefusalNotice code={work.state.code} />}
    </section>
  );
}
