import { useState } from 'react';
import { CcrApiError } from '../../../src/sdk/browser-plain';
import { sessionStore } from '../state/stores';
import { newSecretProblem, type SecretProblem } from './coord-rules';
import { coordTransport, ServerKeyChanged } from './coord-transport';

export type ChangeSecretOutcome = SecretProblem | 'refused' | 'server-key-changed' | 'failed' | 'changed' | null;

/** Changing one's own secret: the keys re-sealed in the key worker under the new one, sent with it (decision 0116). */
export function useChangeSecret() {
  const [outcome, setOutcome] = useState<ChangeSecretOutcome>(null);
  const [busy, setBusy] = useState(false);

  const change = async (form: { next: string; again: string; code: string }) => {
    const problem = newSecretProblem(form);
    setOutcome(problem);
    const session = sessionStore.get();
    if (problem || session.status !== 'signed-in') return;
    setBusy(true);
    try {
      await coordTransport.changeSecret(session.principal.id, form.next, form.code.trim());
      setOutcome('changed');
    } catch (error) {
      setOutcome(error instanceof ServerKeyChanged ? 'server-key-changed' : error instanceof CcrApiError && error.status < 500 ? 'refused' : 'failed');
    } finally {
      setBusy(false);
    }
  };

  /** Typing again clears the last problem (a done change stays said). */
  const edited = () => setOutcome((current) => (current === 'changed' ? current : null));

  return { outcome, busy, change, edited };
}
