import { type FormEvent, useState } from 'react';
import { type PersonForm as Form } from '../api/use-people';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

/** The new person's username, name and roles (only the roles their agency may hold). */
export function PersonForm({ roles, busy, onSubmit }: { roles: readonly string[]; busy: boolean; onSubmit: (form: Form) => void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ username: username.trim(), displayName: displayName.trim(), roles: chosen.filter((role) => roles.includes(role)) });
  };
  const toggle = (role: string, on: boolean) => setChosen((current) => (on ? [...current, role] : current.filter((each) => each !== role)));
  return (
    <form onSubmit={submit} noValidate>
      <label htmlFor="person-username">{t('people.username')}</label>
      <input id="person-username" autoComplete="off" spellCheck={false} aria-describedby="person-username-hint" value={username} onChange={(event) => setUsername(event.target.value)} />
      <p id="person-username-hint" className="hint">
        {t('people.usernameHint')}
      </p>
      <label htmlFor="person-name">{t('people.displayName')}</label>
      <input id="person-name" autoComplete="off" value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
      <fieldset>
        <legend>{t('people.roles')}</legend>
        {roles.map((role) => (
          <label key={role} className="choice">
            <input type="checkbox" checked={chosen.includes(role)} onChange={(event) => toggle(role, event.target.checked)} /> {t(`role.${role}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy}>
        {t('people.create')}
      </button>
    </form>
  );
}
