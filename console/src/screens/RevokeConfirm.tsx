import { useEffect, useRef, useState } from 'react';
import type { ConsentRecord, RevocationChannel } from '../../../src/sdk/browser';
import { REVOCATION_CHANNELS } from '../../../src/sdk/browser-plain';
import { alreadyDisclosed } from '../api/accounting-rules';
import { useAccounting } from '../api/use-accounting';
import { useRevoke } from '../api/use-releases';
import { Loading } from '../components/Loading';
import { sayCode } from '../components/PrintLanguage';
import { Problem } from '../components/Problem';
import { Time } from '../components/Time';
import { useT } from '../i18n/i18n';

/**
 * Revoking, confirmed: before the button, what revocation cannot recall — everything already
 * disclosed to the recipient under this release, from the case's verified accounting.
 */
export function RevokeConfirm({ consent, recipientName, onBack }: { consent: ConsentRecord; recipientName: string; onBack: () => void }) {
  const t = useT();
  const accounting = useAccounting(consent.caseId);
  const { state, revoke } = useRevoke(consent.id);
  const [channel, setChannel] = useState<RevocationChannel>('in_person');
  const heading = useRef<HTMLHeadingElement>(null);
  const { fetchAndVerify } = accounting;
  useEffect(() => fetchAndVerify(null), [fetchAndVerify]);
  useEffect(() => heading.current?.focus(), []);
  // The select and the button go once it is revoked: the outcome takes the focus, or a keyboard user would be thrown to the page's start.
  const outcome = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.status === 'done' || state.status === 'failed') outcome.current?.focus();
  }, [state.status]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('rel.revoke.title', { agency: recipientName })}
      </h1>
      <p>{t('rel.revoke.intro', { agency: recipientName })}</p>
      <NotRecalled consent={consent} recipientName={recipientName} state={accounting.state} />
      {state.status !== 'done' && (
        <div className="actions">
          <label htmlFor="revoke-channel">{t('rel.revoke.channel')}</label>
          <select id="revoke-channel" value={channel} onChange={(event) => setChannel(event.target.value as RevocationChannel)}>
            {REVOCATION_CHANNELS.map((code) => (
              <option key={code} value={code}>
                {t(`rel.channel.${code}`)}
              </option>
            ))}
          </select>
          <button type="button" className="danger" disabled={state.status === 'busy' || accounting.state.status === 'running'} onClick={() => revoke(channel)}>
            {t(state.status === 'busy' ? 'rel.revoke.busy' : 'rel.revoke.confirm')}
          </button>
        </div>
      )}
      {state.status === 'done' && (
        <p ref={outcome} tabIndex={-1} role="status" className="success">
          {t('rel.revoke.done', { agency: recipientName })}
        </p>
      )}
      {state.status === 'failed' && (
        <p ref={outcome} tabIndex={-1} role="alert" className="problem">
          {t('rel.revoke.failed', { message: state.message })}
        </p>
      )}
      <button type="button" className="secondary" onClick={onBack}>
        {t('rel.back')}
      </button>
    </>
  );
}

function NotRecalled({ consent, recipientName, state }: { consent: ConsentRecord; recipientName: string; state: ReturnType<typeof useAccounting>['state'] }) {
  const t = useT();
  if (state.status === 'idle' || state.status === 'running') return <Loading />;
  if (state.status === 'failed') return <Problem message={state.message} />;
  if (!state.check.ok) return <Problem message={t('acc.failed', { failures: state.check.failures.map((failure) => failure.message).join('; ') })} />;
  const shared = alreadyDisclosed(state.accounting, consent.id, consent.recipientAgencyId);
  return (
    <section className="not-recalled" aria-labelledby="not-recalled">
      <h2 id="not-recalled">{t('rel.revoke.cannotRecall', { agency: recipientName })}</h2>
      {shared.length === 0 ? (
        <p>{t('rel.revoke.nothingShared', { agency: recipientName })}</p>
      ) : (
        <ul>
          {shared.map((item) => (
            <li key={item.index}>
              <Time iso={item.time} />: {item.categories.map((code) => sayCode(t, 'rel.category', code)).join(', ')}
            </li>
          ))}
        </ul>
      )}
      <p className="hint">{t('rel.revoke.fromLog')}</p>
    </section>
  );
}
