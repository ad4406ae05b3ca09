// A default import (esModuleInterop) keeps the live module object: libsodium adds its functions
// to it only once `ready` resolves, so a namespace import (a copy taken at load time) would miss them.
import sodiumModule from 'libsodium-wrappers-sumo';

/** The libsodium API, usable only after `ready` resolved; always obtain it through getSodium(). */
export type Sodium = typeof sodiumModule;

let loading: Promise<Sodium> | undefined;

/**
 * Resolves once the WebAssembly module is initialised. Every call shares one promise, so the
 * module is initialised exactly once per process however many callers race at start-up.
 */
export function getSodium(): Promise<Sodium> {
  loading ??= sodiumModule.ready.then(() => sodiumModule);
  return loading;
}
