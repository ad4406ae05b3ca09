/** Every worker the console started; lock and exit terminate them all (their memory goes with them). */
const live = new Set<Worker>();

export function track(worker: Worker): Worker {
  live.add(worker);
  return worker;
}

export function forget(worker: Worker): void {
  worker.terminate();
  live.delete(worker);
}

export function stopAllWorkers(): void {
  for (const worker of live) worker.terminate();
  live.clear();
}

export function isLive(worker: Worker): boolean {
  return live.has(worker);
}
