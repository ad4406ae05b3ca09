import { EnvelopeError, KeyRegistrationError, KeystoreError } from '../errors';

/**
 * Settles a promise into what a spec wants to compare: 'accepted', the machine code of a typed
 * refusal, or a marker for any other error (which a spec expecting a code will then report).
 */
export async function refusalCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    const typed = error instanceof EnvelopeError || error instanceof KeyRegistrationError || error instanceof KeystoreError;
    return typed ? error.code : `untyped error: ${String(error)}`;
  }
}
