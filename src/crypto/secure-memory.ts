import { getSodium, type Sodium } from './sodium';

/**
 * Overwrites secret buffers in place. Best effort only: JavaScript may already have copied the
 * bytes (strings, GC moves), but zeroing shortens how long the main copy lingers in memory.
 */
export function wipe(sodium: Sodium, ...buffers: (Uint8Array | undefined | null)[]): void {
  for (const buffer of buffers) if (buffer) sodium.memzero(buffer);
}

/** wipe() for callers outside this module, e.g. an opened record's body once it is rendered. */
export async function wipeSecrets(...buffers: (Uint8Array | undefined | null)[]): Promise<void> {
  wipe(await getSodium(), ...buffers);
}
