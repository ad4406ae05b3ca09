/// <reference lib="webworker" />
import { getSodium } from '../../../src/crypto';
import { type KeyWorkerReply, type KeyWorkerRequest } from './key-protocol';

/**
 * The key worker: the only place a person's unlocked keys will live (research §4.2), in this
 * worker's memory, gone when the page terminates it on lock or exit. Person keys arrive with
 * sign-in (issue 19); until then it proves libsodium's WebAssembly runs under the console's CSP.
 */
const keys = new Map<string, Uint8Array>();

self.onmessage = async (event: MessageEvent<KeyWorkerRequest>) => {
  const reply = (message: KeyWorkerReply) => self.postMessage(message);
  try {
    if (event.data.type === 'status') {
      await getSodium();
      reply({ type: 'status', sodium: 'ready', keysHeld: keys.size });
    }
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : 'key worker failure' });
  }
};
