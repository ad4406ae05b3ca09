import { getSodium, type KdfStrength } from '../../crypto';

/**
 * The preset a file was written with, so re-saving keeps its cost. Unknown costs (a file written
 * by another tool) are re-saved at 'moderate', the default, never weaker.
 */
export async function kdfStrengthOf(file: unknown): Promise<KdfStrength> {
  const sodium = await getSodium();
  const kdf = (file as { kdf?: { opslimit?: unknown; memlimit?: unknown } } | undefined)?.kdf;
  const is = (ops: number, mem: number) => kdf?.opslimit === ops && kdf?.memlimit === mem;
  if (is(sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE, sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE)) return 'interactive';
  if (is(sodium.crypto_pwhash_OPSLIMIT_SENSITIVE, sodium.crypto_pwhash_MEMLIMIT_SENSITIVE)) return 'sensitive';
  return 'moderate';
}
