import { type CheckpointView, useCheckpoints, useWitnesses, type WitnessView } from '../api/use-ledger';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { ScrollTable } from '../components/ScrollTable';
import { ShortId } from '../components/ShortHash';
import { Time } from '../components/Time';
import { useT } from '../i18n/i18n';

function Cosigners({ checkpoint }: { checkpoint: CheckpointView }) {
  const t = useT();
  if (checkpoint.cosignatures.length === 0) return <>{t('checkpoints.noCosignature')}</>;
  return <>{checkpoint.cosignatures.map((cosignature) => cosignature.witness).join(', ')}</>;
}

function Latest({ checkpoint }: { checkpoint: CheckpointView }) {
  const t = useT();
  return (
    <section aria-labelledby="latest-title" className="card">
      <h2 id="latest-title">{t('checkpoints.latest')}</h2>
      <dl>
        <dt>{t('checkpoints.treeSize')}</dt>
        <dd>{checkpoint.treeSize}</dd>
        <dt>{t('checkpoints.rootHash')}</dt>
        <dd>
          <code translate="no" className="wrap">{checkpoint.rootHash}</code>
        </dd>
        <dt>{t('checkpoints.signedAt')}</dt>
        <dd>
          <Time iso={checkpoint.signedAt} />
        </dd>
        <dt>{t('checkpoints.cosignatures')}</dt>
        <dd>
          <Cosigners checkpoint={checkpoint} />
        </dd>
      </dl>
    </section>
  );
}

function History({ checkpoints }: { checkpoints: CheckpointView[] }) {
  const t = useT();
  return (
    <ScrollTable caption={t('checkpoints.history')} columns={[t('checkpoints.treeSize'), t('checkpoints.signedAt'), t('checkpoints.rootHash'), t('checkpoints.cosignatures')]}>
      {checkpoints.map((checkpoint) => (
        <tr key={checkpoint.treeSize}>
          <td>{checkpoint.treeSize}</td>
          <td>
            <Time iso={checkpoint.signedAt} />
          </td>
          <td>
            <ShortId value={checkpoint.rootHash} length={16} />
          </td>
          <td>
            <Cosigners checkpoint={checkpoint} />
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

function Witnesses({ witnesses }: { witnesses: WitnessView[] }) {
  const t = useT();
  return (
    <section aria-labelledby="witnesses-title">
      <h2 id="witnesses-title">{t('checkpoints.witnesses')}</h2>
      {witnesses.length === 0 ? (
        <p>{t('checkpoints.noWitness')}</p>
      ) : (
        <ul>
          {witnesses.map((witness) => (
            <li key={witness.name}>
              {witness.name}: <code translate="no" className="wrap">{witness.verifierKey}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function CheckpointsScreen() {
  const t = useT();
  const checkpoints = useCheckpoints();
  const witnesses = useWitnesses();
  return (
    <>
      <h1>{t('checkpoints.title')}</h1>
      <p>{t('checkpoints.intro')}</p>
      {checkpoints.status === 'loading' && <Loading />}
      {checkpoints.status === 'failed' && <Problem message={checkpoints.message} />}
      {checkpoints.status === 'ready' &&
        (checkpoints.value.length === 0 ? (
          <p>{t('checkpoints.none')}</p>
        ) : (
          <>
            <Latest checkpoint={checkpoints.value[0]} />
            <History checkpoints={checkpoints.value} />
          </>
        ))}
      {witnesses.status === 'ready' && <Witnesses witnesses={witnesses.value} />}
      {witnesses.status === 'failed' && <Problem message={witnesses.message} />}
    </>
  );
}
