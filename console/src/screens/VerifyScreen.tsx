import { type ChangeEvent, useState } from 'react';
import { useT } from '../i18n/i18n';
import { type VerifySummary } from '../workers/verify-protocol';
import { useVerify } from '../workers/use-verify';

function Outcome({ summary }: { summary: VerifySummary }) {
  const t = useT();
  if (!summary.ok) {
    return (
      <div role="alert" className="problem">
        <p>{t('verify.failed', { index: summary.firstBadIndex ?? '—' })}</p>
        <ul>
          {summary.failures.map((failure, at) => (
            <li key={at}>{t('verify.failure', failure)}</li>
          ))}
        </ul>
      </div>
    );
  }
  const counts = { entries: summary.entriesChecked, checkpoints: summary.checkpointsChecked };
  return (
    <p role="status" className="success">
      {summary.witnesses.length > 0 ? t('verify.ok', { ...counts, witnesses: summary.witnesses.join(', ') }) : t('verify.okNoWitness', counts)}
    </p>
  );
}

export function VerifyScreen() {
  const t = useT();
  const { state, start, cancel } = useVerify();
  const [policy, setPolicy] = useState<string | null>(null);

  const choosePolicy = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setPolicy(file ? await file.text() : null);
  };

  return (
    <>
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <label htmlFor="trust-policy">{t('verify.policy')}</label>
      <input id="trust-policy" type="file" accept=".json,application/json" aria-describedby="trust-policy-hint" onChange={(event) => void choosePolicy(event)} />
      <p id="trust-policy-hint" className="hint">
        {t('verify.policyHint')}
      </p>
      {policy === null && <p className="warning">{t('verify.noPolicyWarning')}</p>}
      <div className="actions">
        <button type="button" onClick={() => start(policy)} disabled={state.status === 'running'}>
          {t('verify.start')}
        </button>
        <button type="button" onClick={cancel} disabled={state.status !== 'running'}>
          {t('verify.cancel')}
        </button>
      </div>
      {state.status === 'running' && (
        <div aria-live="polite">
          <progress max={Math.max(state.total, 1)} value={state.done} aria-label={t('verify.title')} />
          <p>{t('verify.progress', { done: state.done, total: state.total })}</p>
        </div>
      )}
      {state.status === 'cancelled' && <p role="status">{t('verify.cancelled')}</p>}
      {state.status === 'failed' && (
        <p role="alert" className="problem">
          {t('verify.error', { message: state.message })}
        </p>
      )}
      {state.status === 'done' && <Outcome summary={state.summary} />}
    </>
  );
}
