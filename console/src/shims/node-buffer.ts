/** node:buffer for the verify worker (src/ledger/entry-format.ts uses isUtf8); decision 0105. */
export { Buffer } from 'buffer';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
