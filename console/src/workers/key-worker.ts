import { startWorker } from '../safety/trusted-types';
import { type KeyWorkerEnvelope, type KeyWorkerReply, type KeyWorkerRequest } from './key-protocol';
import keyWorkerUrl from './key.worker.ts?worker&url';
import { forget, isLive, track } from './worker-registry';

let worker: Worker | null = null;
let nextId = 1;

function keyWorker(): Worker {
  if (worker && isLive(worker)) return worker;
  worker = track(startWorker(keyWorkerUrl, 'ccr-keys'));
  return worker;
}

export function stopKeyWorker(): void {
  if (worker) forget(worker);
  worker = null;
}

/** One request to the key worker (started if needed: after a lock it starts empty). */
export function askKeyWorker(message: KeyWorkerRequest): Promise<KeyWorkerReply> {
  const target = keyWorker();
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent<KeyWorkerEnvelope<KeyWorkerReply>>) => {
      if (event.data.id !== id) return;
      target.removeEventListener('message', onMessage);
      resolve(event.data.message);
    };
    target.addEventListener('message', onMessage);
    target.postMessage({ id, message } satisfies KeyWorkerEnvelope<KeyWorkerRequest>);
  });
}

export function keyWorkerStatus(): Promise<KeyWorkerReply> {
  return askKeyWorker({ type: 'status' });
}
