import { type OpenedText } from '../api/use-team';
import { useT } from '../i18n/i18n';

/** A row's sealed words: shown once opened in the key worker; until then an Open button named for its row, and a problem if opening failed. */
export function SealedTextCell({ text, canOpen, label }: { text: OpenedText; canOpen: boolean; label: string }) {
  const t = useT();
  return (
    <td>
      {text.state.status === 'open' ? (
        <span className="sealed-text">{text.state.text}</span>
      ) : (
        <>
          <button type="button" disabled={!canOpen || text.state.status === 'busy'} aria-label={label} onClick={text.open}>
            {t(text.state.status === 'busy' ? 'actions.opening' : 'actions.open')}
          </button>
          {text.state.status === 'failed' && (
            <span role="alert" className="problem">
              {' '}
              {t('actions.openFailed')}
            </span>
          )}
        </>
      )}
    </td>
  );
}
