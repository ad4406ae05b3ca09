import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ActionNotDoneReason, RiskAction } from '../../../src/sdk/browser';
import { ACTION_NOT_DONE_REASONS } from '../../../src/sdk/browser-plain';
import { statusChoices } from '../api/team-rules';
import { useActionStatus } from '../api/use-team';
import { useLanguage } from '../i18n/i18n';

/** The owner's change of an action's status: done at once; not done only after a reason is chosen and confirmed. */
export function ActionStatusForm({ action, agencyId, onChanged }: { action: RiskAction; agencyId: string; onChanged: () => void }) {
  const { t, language } = useLanguage();
  const change = useActionStatus(action, agencyId, onChanged);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState<ActionNotDoneReason | ''>('');
  const reasonField = useRef<HTMLSelectElement>(null);
  // The button pressed goes away: the keyboard lands on the question it opened.
  useEffect(() => {
    if (asking) reasonField.current?.focus();
  }, [asking]);
  const time = new Date(action.dueAt).toLocaleString(language);
  const choices = statusChoices(action);
  const busy = change.state.status === 'busy';
  const reasonId = `reason-${action.id}`;
  const problemId = `status-problem-${action.id}`;
  const invalid = change.state.status === 'invalid';
  const confirmNotDone = (event: FormEvent) => {
    event.preventDefault();
    change.confirm({ status: 'not_done', reason: reason === '' ? null : reason });
  };
  return (
    <>
      {!asking && (
        <div className="button-row">
          {choices.includes('done') && (
            <button type="button" disabled={busy} aria-label={t('actions.markDoneLabel', { time })} onClick={() => change.confirm({ status: 'done' })}>
              {t(busy ? 'actions.saving' : 'actions.markDone')}
            </button>
          )}
          {choices.includes('not_done') && (
            <button type="button" disabled={busy} aria-label={t('actions.markNotDoneLabel', { time })} onClick={() => setAsking(true)}>
              {t('actions.markNotDone')}
            </button>
          )}
        </div>
      )}
      {asking && (
        <form onSubmit={confirmNotDone}>
          <label htmlFor={reasonId}>{t('actions.reason')}</label>
          <select ref={reasonField} id={reasonId} value={reason} aria-invalid={invalid || undefined} aria-describedby={invalid ? problemId : undefined} onChange={(event) => setReason(event.target.value as ActionNotDoneReason | '')}>
            <option value="">{t('actions.reasonChoose')}</option>
            {ACTION_NOT_DONE_REASONS.map((code) => (
              <option key={code} value={code}>
                {t(`actions.reason.${code}`)}
              </option>
            ))}
          </select>
          <div className="button-row">
            <button type="submit" disabled={busy}>
              {t(busy ? 'actions.saving' : 'actions.confirmNotDone')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setAsking(false);
                setReason('');
                change.reset();
              }}
            >
              {t('actions.cancel')}
            </button>
          </div>
        </form>
      )}
      {change.state.status === 'invalid' && (
        <p id={problemId} role="alert" className="problem">
          {t(`actions.problem.${change.state.problem}`)}
        </p>
      )}
      {change.state.status === 'failed' && (
        <p role="alert" className="problem">
          {t('actions.changeFailed')}
        </p>
      )}
    </>
  );
}
