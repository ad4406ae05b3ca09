import { isConflict } from './problems';

/**
 * Sends a request whose identity the client chose (a case, consent or note id, a record that
 * supersedes a known version) and that the HTTP core may therefore repeat after a lost answer.
 * If a repeat meets the conflict its own first attempt caused, `recover` proves that from the
 * server's state (the stored record id or signature is the one this call produced) and returns
 * the result; anything else is a real conflict and is thrown as it came.
 */
export async function sendRepeatable<T>(send: () => Promise<T>, conflictSlug: string, recover: () => Promise<T | undefined>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!isConflict(error, conflictSlug)) throw error;
    const earlier = await recover().catch(() => undefined);
    if (earlier === undefined) throw error;
    return earlier;
  }
}
