import { ScrollTable } from '../components/ScrollTable';
import { type ReactNode } from 'react';
import { businessTime, currentVersion, type StepRow, stepRows } from '../api/agreement-rules';
import { type AgreementRow, useAgreements } from '../api/use-agreements';
import { AgencyKeysPanel } from '../components/AgencyKeysPanel';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { type MessageKey } from '../i18n/en';
import { type Translate, useLanguage, useT } from '../i18n/i18n';
import { useStore } from '../state/store';
import { agencyKeysStore } from '../state/stores';

/** The agreements an agency has signed or must sign (issue 21); one opens in place (state, not a URL). */
export function AgreementsScreen() {
  const t = useT();
  const agreements = useAgreements();
  if (agreements.open) return <AgreementDetail row={agreements.open} name={agreements.name} onBack={() => agreements.choose(null)} signing={<SignPanel agreements={agreements} row={agreements.open} />} />;
  return (
    <>
      <h1>{t('agreements.title')}</h1>
      <p>{t('agreements.intro')}</p>
      {agreements.list.status === 'loading' && <Loading />}
      {agreements.list.status === 'failed' && <Problem message={agreements.list.message} />}
      {agreements.list.status === 'ready' && (agreements.rows.length === 0 ? <p>{t('agreements.none')}</p> : <AgreementTable rows={agreements.rows} onShow={agreements.choose} />)}
    </>
  );
}

function AgreementTable({ rows, onShow }: { rows: AgreementRow[]; onShow: (id: string) => void }) {
  const t = useT();
  const caption = t('agreements.title');
  return (
    <ScrollTable caption={caption} columns={[t('agreements.parties'), t('agreements.standing'), t('agreements.version'), t('agreements.awaiting'), t('agreements.show')]}>
      {rows.map((row) => (
        <tr key={row.agreement.id}>
          <td>{row.counterparts.join(', ')}</td>
          <td className={row.standing === 'awaiting_you' ? 'standing-awaiting-you' : undefined}>{t(`agreements.standing.${row.standing}`)}</td>
          <td>{currentVersion(row.agreement).version}</td>
          <td>{row.awaiting.length === 0 ? t('agreements.nobody') : row.awaiting.join(', ')}</td>
          <td>
            <button type="button" aria-label={t('agreements.showLabel', { parties: row.counterparts.join(', ') })} onClick={() => onShow(row.agreement.id)}>
              {t('agreements.show')}
            </button>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

function sideText(t: Translate, side: StepRow['from'], name: (id: string) => string): string {
  return side.agencyId ? name(side.agencyId) : t('agreements.anyOfKind', { kind: t(`kind.${side.agencyKind ?? 'other'}` as MessageKey) });
}

function withinText(t: Translate, minutes: number): string {
  const time = businessTime(minutes);
  if (time.hours === 0) return t('agreements.minutes', { minutes: time.minutes });
  return time.minutes === 0 ? t('agreements.hours', { hours: time.hours }) : t('agreements.hoursMinutes', time);
}

/** For a version awaiting this agency: its keys (unlocked here), then Sign — in the key worker, after checking the signatures it carries. */
function SignPanel({ agreements, row }: { agreements: ReturnType<typeof useAgreements>; row: AgreementRow }) {
  const t = useT();
  const keysOpen = useStore(agencyKeysStore) !== null;
  if (agreements.signing === 'signed') return <p role="status" className="success">{t('agreements.signed')}</p>;
  if (row.standing !== 'awaiting_you') return null;
  return (
    <div className="card">
      <p>{t('agreements.signHint')}</p>
      <AgencyKeysPanel />
      <button type="button" disabled={!keysOpen || agreements.signing === 'busy'} onClick={() => agreements.sign(row.agreement)}>
        {t(agreements.signing === 'busy' ? 'agreements.signing' : 'agreements.sign')}
      </button>
      {agreements.signing === 'failed' && (
        <p role="alert" className="problem">
          {t('agreements.signFailed')}
        </p>
      )}
    </div>
  );
}

function AgreementDetail({ row, name, onBack, signing }: { row: AgreementRow; name: (id: string) => string; onBack: () => void; signing: ReactNode }) {
  const { t, language } = useLanguage();
  const version = currentVersion(row.agreement);
  const calendar = version.terms.calendar;
  const title = t('agreements.detailTitle', { parties: row.counterparts.join(', ') });
  const steps = t('agreements.steps', { version: version.version });
  return (
    <>
      <button type="button" onClick={onBack}>
        {t('agreements.back')}
      </button>
      <h1>{title}</h1>
      <p className={row.standing === 'awaiting_you' ? 'standing-awaiting-you' : undefined}>
        {t(`agreements.standing.${row.standing}`)} · {t(`agreements.versionStatus.${version.status}`)} · {t('agreements.proposedBy', { agency: name(version.proposedByAgencyId) })}
      </p>
      {signing}
      <p>{t('agreements.calendar', { days: calendar.days.map((day) => t(`weekday.${day}` as MessageKey)).join(', '), opens: calendar.opens, closes: calendar.closes, zone: calendar.timeZone, holidays: calendar.holidays.length })}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={steps}>
        <table>
          <caption>{steps}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agreements.from')}</th>
              <th scope="col">{t('agreements.to')}</th>
              <th scope="col">{t('agreements.purpose')}</th>
              <th scope="col">{t('agreements.priority')}</th>
              <th scope="col">{t('agreements.step')}</th>
              <th scope="col">{t('agreements.within')}</th>
            </tr>
          </thead>
          <tbody>
            {stepRows(version).map((step, index) => (
              <tr key={index}>
                <td>{sideText(t, step.from, name)}</td>
                <td>{sideText(t, step.to, name)}</td>
                <td>{t(`purpose.${step.purpose}` as MessageKey)}</td>
                <td>{t(`priority.${step.priority}` as MessageKey)}</td>
                <td>{t(`agreementStep.${step.step}` as MessageKey)}</td>
                <td>{withinText(t, step.withinMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="agreement-signatures">
        <h2 id="agreement-signatures">{t('agreements.signatures')}</h2>
        <ul>
          {version.signatures.map((signature) => (
            <li key={signature.agencyId}>
              {t('agreements.signedBy', { agency: name(signature.agencyId), time: new Date(signature.signedAt).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' }), epoch: signature.signerEpoch })}
            </li>
          ))}
          {version.awaiting.map((agencyId) => (
            <li key={agencyId}>
              {t('agreements.awaiting')}: {name(agencyId)}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
