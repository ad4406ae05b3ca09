import { useReferralBox } from '../api/use-referrals';
import { AgencyKeysPanel } from '../components/AgencyKeysPanel';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { ReferralTable } from '../components/ReferralTable';
import { useT } from '../i18n/i18n';
import { useStore } from '../state/store';
import { agencyKeysStore, openReferralStore } from '../state/stores';
import { ReferralDetail } from './ReferralDetail';

/** The inbox or the outbox; a referral opens in place (state, not a URL: no id in history). */
export function ReferralsScreen({ box }: { box: 'in' | 'out' }) {
  const openId = useStore(openReferralStore);
  const keysOpen = useStore(agencyKeysStore) !== null;
  if (openId && keysOpen) return <ReferralDetail />;
  return <ReferralList box={box} />;
}

function ReferralList({ box }: { box: 'in' | 'out' }) {
  const t = useT();
  const { list, rows } = useReferralBox(box);
  const keysOpen = useStore(agencyKeysStore) !== null;
  const title = t(box === 'in' ? 'referrals.inboxTitle' : 'referrals.outboxTitle');
  return (
    <>
      <h1>{title}</h1>
      <AgencyKeysPanel />
      {list.status === 'loading' && <Loading />}
      {list.status === 'failed' && <Problem message={list.message} />}
      {list.status === 'ready' &&
        (rows.length === 0 ? <p>{t('referrals.none')}</p> : <ReferralTable rows={rows} box={box} caption={title} canOpen={keysOpen} onOpen={(id) => openReferralStore.set(id)} />)}
    </>
  );
}
