import { usePasskeySignIn } from '../api/use-passkey-sign-in';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

const PROBLEMS: Record<'refused' | 'cancelled' | 'error', MessageKey> = {
  refused: 'passkeys.signInRefused',
  cancelled: 'passkeys.cancelled',
  error: 'signIn.error',
};

/** "Sign in with a passkey" (alone), or at the second step "Use a passkey instead" of the code. */
export function PasskeySignIn({ asSecondFactor }: { asSecondFactor: boolean }) {
  const t = useT();
  const { supported, problem, busy, signInWithPasskey, passkeyAsSecondFactor } = usePasskeySignIn();
  if (!supported) return null;
  return (
    <div className="passkey-sign-in">
      {problem && (
        <p role="alert" className="problem">
          {t(PROBLEMS[problem])}
        </p>
      )}
      <button type="button" disabled={busy} onClick={() => void (asSecondFactor ? passkeyAsSecondFactor() : signInWithPasskey())}>
        {asSecondFactor ? t('passkeys.useInstead') : t('passkeys.signIn')}
      </button>
    </div>
  );
}
