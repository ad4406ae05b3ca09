import { startWorker } from '../safety/trusted-types';
import { type KeyWorkerReply } from './key-protocol';
import keyWorkerUrl from './key.worker.ts?worker&url';
import { forget, isLive, track } from './worker-registry';

let worker: Worker | null = null;

function keyWorker(): Worker {
  if (worker && isLive(worker)) return worker;
  worker = track(startWorker(keyWorkerUrl, 'ccr-keys'));
  return worker;
}

export function stopKeyWorker(): void {
  if (worker) forget(worker);
  worker = null;
}

/** Starts the key worker if needed and asks how it is (libsodium loaded, how many keys held). */
export function keyWorkerStatus(): Promise<KeyWorkerReply> {
  const target = keyWorker();
  return new Promise((resolve) => {
    target.addEventListener('message', (event: MessageEvent<KeyWorkerReply>) => resolve(event.data), { once: true });
    target.postMessage({ type: 'status' });
  });
}
