import { useEffect, useState } from 'react';
import { type Member } from '../api/coord-rules';
import { type MembersNotice, useMembers } from '../api/use-members';
import { AgencyKeysPanel } from '../components/AgencyKeysPanel';
import { FingerprintCheck } from '../components/FingerprintCheck';
import { Loading } from '../components/Loading';
import { MembersTable } from '../components/MembersTable';
import { Problem } from '../components/Problem';
import { useT } from '../i18n/i18n';

function Notice({ notice }: { notice: NonNullable<MembersNotice> }) {
  const t = useT();
  switch (notice.kind) {
    case 'added':
      return <p role="status" className="success">{t('members.added', { name: notice.name })}</p>;
    case 'removed':
      return <p role="status" className="success">{t('members.removed', { name: notice.name })}</p>;
    case 'rotated':
      return <p role="status" className="success">{t('members.rotated', { epoch: String(notice.epoch), people: String(notice.people) })}</p>;
    case 'fingerprint-differs':
      return <p role="alert" className="problem">{t('members.fingerprintDiffers')}</p>;
    case 'failed':
      return <p role="alert" className="problem">{t('members.failed')}</p>;
  }
}

function RemoveConfirm({ person, busy, onRemove, onCancel }: { person: Member; busy: boolean; onRemove: () => void; onCancel: () => void }) {
  const t = useT();
  return (
    <div className="card warning" role="group" aria-label={t('members.remove', { name: person.displayName })}>
      <p>{t('members.removeWarning', { name: person.displayName })}</p>
      <div className="actions">
        <button type="button" className="danger" disabled={busy} onClick={onRemove}>
          {t('members.removeConfirm', { name: person.displayName })}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('members.cancel')}
        </button>
      </div>
    </div>
  );
}

/** A member manages their agency's membership (issue 19): add after the fingerprint check, remove, rotate. */
export function MembersScreen() {
  const t = useT();
  const view = useMembers();
  const [removing, setRemoving] = useState<Member | null>(null);
  useEffect(() => {
    if (view.checking) document.getElementById('check-title')?.focus();
  }, [view.checking]);
  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">{t('members.title')}</h1>
      <p>{t('members.intro')}</p>
      <AgencyKeysPanel />
      {!view.keysOpen && <p className="hint">{t('members.keysNeeded')}</p>}
      {view.notice && <Notice notice={view.notice} />}
      {view.rotationDue && (
        <div className="card warning">
          <p>{t('members.rotationDue')}</p>
          <button type="button" disabled={view.busy || !view.keysOpen} onClick={view.rotate}>
            {t('members.rotate')}
          </button>
        </div>
      )}
      {view.checking && <FingerprintCheck person={view.checking} busy={view.busy} onConfirm={view.confirmAdd} onCancel={() => view.check(null)} onEdit={view.clearNotice} />}
      {removing && (
        <RemoveConfirm
          person={removing}
          busy={view.busy}
          onRemove={() => {
            view.remove(removing);
            setRemoving(null);
          }}
          onCancel={() => setRemoving(null)}
        />
      )}
      {view.listed.status === 'loading' && <Loading />}
      {view.listed.status === 'failed' && <Problem message={view.listed.message} />}
      {view.listed.status === 'ready' && (
        <>
          {view.waiting.length === 0 ? (
            <p>{t('members.noneWaiting')}</p>
          ) : (
            <MembersTable caption={t('members.waitingLabel')} people={view.waiting} selfId={view.selfId} busy={view.busy || !view.keysOpen} action={{ label: (name) => t('members.check', { name }), run: view.check }} />
          )}
          <MembersTable caption={t('members.listLabel')} people={view.members} selfId={view.selfId} busy={view.busy} action={{ label: (name) => t('members.remove', { name }), run: setRemoving, danger: true }} />
          {!view.rotationDue && (
            <button type="button" className="secondary" disabled={view.busy || !view.keysOpen} onClick={view.rotate}>
              {t('members.rotate')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
