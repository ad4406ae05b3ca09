import { type FormEvent, useState } from 'react';
import { type Member } from '../api/coord-rules';
import { useT } from '../i18n/i18n';
import { Fingerprint } from './Fingerprint';

/**
 * The out-of-band check before a wrap (decision 0084): the fingerprint of the keys the service lists
 * for the newcomer, shown here; the member types what the newcomer reads from their own screen. The
 * key worker compares again with the keys it fetches itself before wrapping anything.
 */
export function FingerprintCheck({ person, busy, onConfirm, onCancel, onEdit }: { person: Member; busy: boolean; onConfirm: (readAloud: string) => void; onCancel: () => void; onEdit: () => void }) {
  const t = useT();
  const [readAloud, setReadAloud] = useState('');
  const name = person.displayName;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(readAloud);
  };
  return (
    <section className="card" aria-labelledby="check-title">
      <h2 id="check-title" tabIndex={-1}>
        {t('members.checkTitle', { name })}
      </h2>
      <p>{t('members.checkHow', { name })}</p>
      <Fingerprint value={person.fingerprint} label={t('members.fingerprint')} />
      <form onSubmit={submit} noValidate>
        <label htmlFor="read-aloud">{t('members.readAloud', { name })}</label>
        <input
          id="read-aloud"
          className="fingerprint-input"
          autoComplete="off"
          spellCheck={false}
          translate="no"
          value={readAloud}
          onChange={(event) => {
            setReadAloud(event.target.value);
            onEdit();
          }}
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('members.confirm', { name })}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('members.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
