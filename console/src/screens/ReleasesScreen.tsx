import { ScrollTable } from '../components/ScrollTable';
import { type ConsentRecord } from '../../../src/sdk/browser';
import { useAgencyNames } from '../api/use-agencies';
import { useCases, useRelease, useReleases, useReleaseSignatures, useReleaseView } from '../api/use-releases';
import { AgencyKeysPanel } from '../components/AgencyKeysPanel';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { Time } from '../components/Time';
import { useLanguage, useT } from '../i18n/i18n';
import { useStore } from '../state/store';
import { agencyKeysStore } from '../state/stores';
import { AccountingScreen } from './AccountingScreen';
import { ReleaseFormScreen } from './ReleaseFormScreen';
import { ReleasePrint } from './ReleasePrint';
import { RevokeConfirm } from './RevokeConfirm';
import './releases.css';

/** The advocate's releases, per case of their agency: list, record, amend, print, revoke, and the accounting. */
export function ReleasesScreen() {
  const view = useReleaseView();
  if (!view.caseId || view.view === 'list') return <ReleasesHome caseId={view.caseId} />;
  if (view.view === 'new') return <ReleaseFormScreen key="new" caseId={view.caseId} consent={null} recipientName="" onDone={view.back} />;
  if (view.view === 'accounting') return <AccountingScreen caseId={view.caseId} onBack={view.back} />;
  return <OneRelease caseId={view.caseId} consentId={view.consentId} view={view.view} onBack={view.back} />;
}

function OneRelease({ caseId, consentId, view, onBack }: { caseId: string; consentId: string | null; view: 'amend' | 'print' | 'revoke'; onBack: () => void }) {
  const names = useAgencyNames();
  const { list, consent } = useRelease(caseId, consentId);
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'failed' || !consent) return <Problem message={list.status === 'failed' ? list.message : ''} />;
  const recipientName = names.get(consent.recipientAgencyId) ?? '…';
  if (view === 'print') return <ReleasePrint consent={consent} onBack={onBack} />;
  if (view === 'revoke') return <RevokeConfirm consent={consent} recipientName={recipientName} onBack={onBack} />;
  return <ReleaseFormScreen key={consent.id} caseId={caseId} consent={consent} recipientName={recipientName} onDone={onBack} />;
}

function ReleasesHome({ caseId }: { caseId: string | null }) {
  const t = useT();
  return (
    <>
      <h1>{t('rel.title')}</h1>
      <CasePicker caseId={caseId} />
      <AgencyKeysPanel />
      {caseId && <ReleaseList caseId={caseId} />}
    </>
  );
}

function CasePicker({ caseId }: { caseId: string | null }) {
  const { t, language } = useLanguage();
  const cases = useCases();
  const view = useReleaseView();
  if (cases.status === 'loading') return <Loading />;
  if (cases.status === 'failed') return <Problem message={cases.message} />;
  if (cases.value.length === 0) return <p>{t('rel.noCases')}</p>;
  return (
    <>
      <label htmlFor="release-case">{t('rel.chooseCase')}</label>
      <select id="release-case" value={caseId ?? ''} onChange={(event) => view.chooseCase(event.target.value || null)}>
        <option value="">—</option>
        {cases.value.map((handle) => (
          <option key={handle.id} value={handle.id}>
            {t('rel.caseOpened', { time: new Date(handle.createdAt).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' }), short: handle.id.slice(0, 8) })}
          </option>
        ))}
      </select>
    </>
  );
}

function ReleaseList({ caseId }: { caseId: string }) {
  const t = useT();
  const view = useReleaseView();
  const list = useReleases(caseId);
  const keysOpen = useStore(agencyKeysStore) !== null;
  return (
    <>
      <div className="actions">
        <button type="button" disabled={!keysOpen} onClick={() => view.show('new')}>
          {t('rel.new')}
        </button>
        <button type="button" className="secondary" onClick={() => view.show('accounting')}>
          {t('rel.accounting')}
        </button>
      </div>
      {!keysOpen && <p className="hint">{t('rel.keysNeeded')}</p>}
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Problem message={list.message} />}
      {list.status === 'ready' && (list.value.length === 0 ? <p>{t('rel.none')}</p> : <ReleaseTable releases={list.value} keysOpen={keysOpen} />)}
    </>
  );
}

function ReleaseTable({ releases, keysOpen }: { releases: ConsentRecord[]; keysOpen: boolean }) {
  const t = useT();
  const names = useAgencyNames();
  const view = useReleaseView();
  const signatures = useReleaseSignatures(releases, keysOpen);
  const caption = t('rel.listCaption');
  return (
    <ScrollTable caption={caption} columns={[t('rel.recipient'), t('rel.status'), t('rel.version'), t('rel.validUntil'), t('rel.signature'), t('rel.actionsColumn')]}>
      {releases.map((consent) => (
        <tr key={consent.id}>
          <td>{names.get(consent.recipientAgencyId) ?? '…'}</td>
          <td>
            {t(`rel.status.${consent.status}`)}
            {!consent.releasesData && consent.status === 'active' && ` (${t('rel.releasesNothing')})`}
          </td>
          <td>{consent.currentVersion}</td>
          <td>
            <Time iso={consent.current.validUntil} />
          </td>
          <td>
            <SignatureCheck signed={signatures?.[consent.id]} />
          </td>
          <td className="row-actions">
            <button type="button" className="secondary" onClick={() => view.show('print', consent.id)}>
              {t('rel.print')}
            </button>
            {consent.status !== 'revoked' && (
              <>
                <button type="button" disabled={!keysOpen} onClick={() => view.show('amend', consent.id)}>
                  {t('rel.amend')}
                </button>
                <button type="button" className="danger" disabled={!keysOpen} onClick={() => view.show('revoke', consent.id)}>
                  {t('rel.revoke')}
                </button>
              </>
            )}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

function SignatureCheck({ signed }: { signed: boolean | undefined }) {
  const t = useT();
  if (signed === undefined) return <span className="hint">{t('rel.signatureUnchecked')}</span>;
  return signed ? <span className="success">{t('rel.signatureOk')}</span> : <strong className="problem">{t('rel.signatureBad')}</strong>;
}
