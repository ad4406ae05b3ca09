import { useT } from '../i18n/i18n';

/** The six-digit code of an authenticator app, and the button that sends it (sign-in and enrolment). */
export function TotpCodeField({ id, value, busy, onChange }: { id: string; value: string; busy: boolean; onChange: (code: string) => void }) {
  const t = useT();
  return (
    <>
      <label htmlFor={id}>{t('signIn.secondFactor')}</label>
      <input id={id} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" required value={value} onChange={(event) => onChange(event.target.value)} />
      <button type="submit" disabled={busy}>
        {t('signIn.verify')}
      </button>
    </>
  );
}
